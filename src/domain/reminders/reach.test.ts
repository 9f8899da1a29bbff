import { describe, expect, it } from "vitest";
import { vnWallClock } from "../shared/time";
import { estimateReach } from "./reach";
import { parseSendWindow } from "./send-window";

const window = parseSendWindow("06:00-22:00");

describe("reach estimate before a deadline", () => {
  it("is limited by the daily cap over the send days left", () => {
    const now = vnWallClock(2026, 6, 9, 10, 0);
    const deadline = vnWallClock(2026, 6, 10, 23, 59);
    const people = Array.from({ length: 50 }, () => deadline);
    expect(estimateReach({ now, deadline, window, dailyCap: 20, usedToday: 5, reachableUntil: people })).toEqual({ sendDays: 2, capacity: 35, reachable: 35 });
  });

  it("cannot reach people whose 7-day activity runs out before the next send slot", () => {
    const now = vnWallClock(2026, 6, 9, 22, 30); // the window has closed for today
    const deadline = vnWallClock(2026, 6, 11, 23, 59);
    const expiresTonight = vnWallClock(2026, 6, 10, 2, 0);
    const later = vnWallClock(2026, 6, 12, 0, 0);
    const r = estimateReach({ now, deadline, window, dailyCap: 1000, usedToday: 0, reachableUntil: [expiresTonight, later, later] });
    expect(r).toEqual({ sendDays: 2, capacity: 2000, reachable: 2 });
  });

  it("serves the people who expire first when slots are short", () => {
    const now = vnWallClock(2026, 6, 9, 21, 0);
    const deadline = vnWallClock(2026, 6, 10, 23, 59);
    const soon = vnWallClock(2026, 6, 9, 23, 0);
    // Today: 1 slot left; tomorrow: 1 slot. The one expiring tonight must take today's slot.
    const r = estimateReach({ now, deadline, window, dailyCap: 1, usedToday: 0, reachableUntil: [deadline, soon, deadline] });
    expect(r.reachable).toBe(2);
  });

  it("reaches nobody when the deadline falls before the next window", () => {
    const now = vnWallClock(2026, 6, 10, 22, 5);
    expect(estimateReach({ now, deadline: vnWallClock(2026, 6, 10, 23, 59), window, dailyCap: 1000, usedToday: 0, reachableUntil: [vnWallClock(2026, 6, 12)] })).toEqual({
      sendDays: 0,
      capacity: 0,
      reachable: 0,
    });
  });
});
