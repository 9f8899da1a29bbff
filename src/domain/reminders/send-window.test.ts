import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { vnWallClock } from "../shared/time";
import { isInSendWindow, nextDayWindowStart, nextSendTime, parseSendWindow, sendDaysBetween, vnDayKey } from "./send-window";

const zalo = parseSendWindow("06:00-22:00");

describe("send window in Vietnam time", () => {
  it("parses HH:MM-HH:MM and refuses nonsense", () => {
    expect(zalo).toEqual({ startMinute: 360, endMinute: 1320 });
    expect(() => parseSendWindow("22:00-06:00")).toThrow();
    expect(() => parseSendWindow("6-22")).toThrow();
  });

  it("allows 06:00 to 21:59 Vietnam time and nothing else, whatever the UTC date", () => {
    expect(isInSendWindow(vnWallClock(2026, 6, 10, 5, 59), zalo)).toBe(false);
    expect(isInSendWindow(vnWallClock(2026, 6, 10, 6, 0), zalo)).toBe(true);
    expect(isInSendWindow(vnWallClock(2026, 6, 10, 21, 59), zalo)).toBe(true);
    expect(isInSendWindow(vnWallClock(2026, 6, 10, 22, 0), zalo)).toBe(false);
    // 23:30 UTC on the 9th is 06:30 on the 10th in Vietnam.
    expect(isInSendWindow(new Date("2026-06-09T23:30:00Z"), zalo)).toBe(true);
  });

  it("counts days by the Vietnamese calendar", () => {
    expect(vnDayKey(new Date("2026-06-09T17:00:00Z"))).toBe("2026-06-10");
    expect(vnDayKey(new Date("2026-06-09T16:59:59Z"))).toBe("2026-06-09");
  });

  it("defers a late-evening send to 06:00 the next morning and an early one to 06:00 the same day", () => {
    expect(nextSendTime(vnWallClock(2026, 6, 9, 23, 0), zalo)).toEqual(vnWallClock(2026, 6, 10, 6, 0));
    expect(nextSendTime(vnWallClock(2026, 6, 10, 3, 0), zalo)).toEqual(vnWallClock(2026, 6, 10, 6, 0));
    const inside = vnWallClock(2026, 6, 10, 14, 0);
    expect(nextSendTime(inside, zalo)).toBe(inside);
    expect(nextDayWindowStart(inside, zalo)).toEqual(vnWallClock(2026, 6, 11, 6, 0));
  });

  it("nextSendTime is always inside the window, never earlier, and less than a day later", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2026-01-01"), max: new Date("2027-01-01"), noInvalidDate: true }), (at) => {
        const t = nextSendTime(at, zalo);
        expect(isInSendWindow(t, zalo)).toBe(true);
        expect(t.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(t.getTime() - at.getTime()).toBeLessThan(86400_000);
      }),
    );
  });

  it("lists one send day per Vietnam day whose window is still open before the deadline", () => {
    // From 21:00 on the 8th to 23:59 on the 10th: the 8th (one hour left), the 9th and the 10th.
    const days = sendDaysBetween(vnWallClock(2026, 6, 8, 21, 0), vnWallClock(2026, 6, 10, 23, 59), zalo);
    expect(days.map((d) => d.day)).toEqual(["2026-06-08", "2026-06-09", "2026-06-10"]);
    // From 22:30 on the 8th to 05:00 on the 9th: nothing can go out.
    expect(sendDaysBetween(vnWallClock(2026, 6, 8, 22, 30), vnWallClock(2026, 6, 9, 5, 0), zalo)).toEqual([]);
  });
});
