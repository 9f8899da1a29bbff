import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { channelEligibility, comparePriority, type Prioritised, retryDelayMs, selectUnderCaps } from "./delivery-policy";

const now = new Date("2026-06-08T03:00:00.000Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86400_000).toISOString();

describe("Zalo's rules for the mini-app channel", () => {
  it("needs a Zalo id, accepted permission, and use of the app in the last 7 days", () => {
    const ok = { zaloId: "z1", notificationsConsent: 1, lastActiveAt: daysAgo(6.9) };
    expect(channelEligibility(ok, now, 7)).toBeNull();
    expect(channelEligibility({ ...ok, zaloId: null }, now, 7)).toBe("no_zalo_id");
    expect(channelEligibility({ ...ok, notificationsConsent: null }, now, 7)).toBe("no_consent");
    expect(channelEligibility({ ...ok, notificationsConsent: 0 }, now, 7)).toBe("no_consent");
    expect(channelEligibility({ ...ok, lastActiveAt: daysAgo(7.1) }, now, 7)).toBe("inactive");
  });
});

const item = (id: string, userId: string, deadlineAt: string, progress: number, createdAt = "2026-06-01T00:00:00.000Z"): Prioritised => ({ id, userId, deadlineAt, progress, createdAt });

describe("priority and caps", () => {
  it("puts the nearest deadline first, then the least progress", () => {
    const a = item("a", "u1", "2026-06-10T16:59:59.000Z", 0.9);
    const b = item("b", "u2", "2026-06-10T16:59:59.000Z", 0.1);
    const c = item("c", "u3", "2026-06-20T16:59:59.000Z", 0);
    expect([c, a, b].sort(comparePriority).map((x) => x.id)).toEqual(["b", "a", "c"]);
  });

  it("sends at most the app's remaining quota and one per person per day, in priority order", () => {
    const ordered = [item("1", "u1", "d", 0), item("2", "u1", "d", 0.1), item("3", "u2", "d", 0.2), item("4", "u3", "d", 0.3), item("5", "u4", "d", 0.4)];
    const r = selectUnderCaps(ordered, { appRemaining: 2, sentToday: new Set(["u2"]) });
    expect(r.send.map((x) => x.id)).toEqual(["1", "4"]);
    expect(r.waitForUser.map((x) => x.id)).toEqual(["2", "3"]);
    expect(r.waitForCap.map((x) => x.id)).toEqual(["5"]);
  });

  it("property: never over the cap, never two for one person, and nobody waits for the cap while a lower-priority one is sent", () => {
    const arb = fc.record({
      items: fc.array(fc.record({ user: fc.integer({ min: 1, max: 8 }), progress: fc.double({ min: 0, max: 1, noNaN: true }), day: fc.integer({ min: 1, max: 3 }) }), { maxLength: 30 }),
      cap: fc.integer({ min: 0, max: 10 }),
      sent: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(arb, ({ items, cap, sent }) => {
        const ordered = items.map((x, i) => item(String(i).padStart(3, "0"), `u${x.user}`, `2026-06-0${x.day}`, x.progress)).sort(comparePriority);
        const r = selectUnderCaps(ordered, { appRemaining: cap, sentToday: new Set(sent.map((s) => `u${s}`)) });
        expect(r.send.length).toBeLessThanOrEqual(cap);
        expect(new Set(r.send.map((x) => x.userId)).size).toBe(r.send.length);
        expect(r.send.some((x) => sent.includes(Number(x.userId.slice(1))))).toBe(false);
        expect(r.send.length + r.waitForUser.length + r.waitForCap.length).toBe(items.length);
        for (const w of r.waitForCap) for (const s of r.send) expect(comparePriority(s, w)).toBeLessThan(0);
      }),
    );
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20)).toBe(3600_000);
  });
});
