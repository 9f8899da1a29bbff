import { describe, expect, it } from "vitest";
import { formatCountdown, formatVnDate, formatVnDateTime, vnParts, vnWallClock } from "./time";

describe("Vietnam time", () => {
  it("reads 23:59 on 10/06/2026 in Vietnam as 16:59 UTC", () => {
    const close = vnWallClock(2026, 6, 10, 23, 59, 59);
    expect(close.toISOString()).toBe("2026-06-10T16:59:59.000Z");
    expect(formatVnDateTime(close)).toBe("23:59 10/06/2026");
  });

  it("puts an instant just after 17:00 UTC on the next Vietnamese day", () => {
    const p = vnParts(new Date("2026-06-10T17:00:01Z"));
    expect([p.day, p.month, p.hour]).toEqual([11, 6, 0]);
    expect(formatVnDate("2026-06-10T17:00:01Z")).toBe("11/06/2026");
  });

  it("formats countdowns and never goes negative", () => {
    expect(formatCountdown(0)).toBe("00:00:00");
    expect(formatCountdown(-5000)).toBe("00:00:00");
    expect(formatCountdown(3_723_000)).toBe("01:02:03");
    expect(formatCountdown(2 * 86_400_000 + 61_000)).toBe("2 ngày 00:01:01");
  });
});
