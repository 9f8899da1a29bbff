import { describe, expect, it } from "vitest";
import { stageStatus } from "../../../domain/contest/calendar";
import { loadContestPack } from "../../content/pack-loader";
import { createTestClock } from "../../shared/clock";
import { createOffsetClock, currentMoment, demoMoments } from "./demo-clock";

describe("the demo clock's moments", () => {
  it.each(["hai-phong-2026", "demo"])("fall inside the right stage windows of the %s pack, in order", (id) => {
    const pack = loadContestPack(id, new Date("2026-12-02T01:00:00Z"));
    const moments = demoMoments(pack.stages);
    const at = Object.fromEntries(moments.map((m) => [m.id, new Date(m.at)]));
    const [s1, s2, s3] = pack.stages;
    expect(moments.map((m) => Date.parse(m.at))).toEqual([...moments.map((m) => Date.parse(m.at))].sort((a, b) => a - b));
    expect(stageStatus(s1!, at.s1_open!)).toBe("open");
    expect(stageStatus(s1!, at.s1_last_evening!)).toBe("open");
    expect(Date.parse(s1!.closesAt) - at.s1_last_evening!.getTime()).toBeLessThanOrEqual(3 * 3600_000);
    expect(stageStatus(s1!, at.s1_closed!)).toBe("closed");
    expect(stageStatus(s2!, at.s1_closed!)).toBe("upcoming");
    expect(stageStatus(s2!, at.s2_open!)).toBe("open");
    expect(stageStatus(s2!, at.s2_closed!)).toBe("closed");
    expect(stageStatus(s3!, at.final!)).toBe("open");
    expect(stageStatus(s3!, at.results!)).toBe("closed");
    expect(currentMoment(moments, at.s2_open!)).toBe("s2_open");
    expect(currentMoment(moments, new Date(Date.parse(s1!.opensAt) - 1))).toBeNull();
  });

  it("runs at real speed, shifted by the chosen offset", () => {
    const base = createTestClock(new Date("2026-06-01T00:00:00Z"));
    const clock = createOffsetClock(base, 3600_000);
    expect(clock.now().toISOString()).toBe("2026-06-01T01:00:00.000Z");
    base.advance(1000);
    clock.setOffset(-1000);
    expect(clock.now().toISOString()).toBe("2026-06-01T00:00:00.000Z");
  });
});
