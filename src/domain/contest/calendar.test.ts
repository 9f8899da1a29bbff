import { describe, expect, it } from "vitest";
import { isStageOpen, nextDeadline, resolveRelative, stageStatus } from "./calendar";
import type { Stage } from "./contest.schema";

const stages: Stage[] = [
  { id: "stage1", name: "Giai đoạn 1", description: "", opensAt: "2026-05-28T01:00:00.000Z", closesAt: "2026-06-10T16:59:59.000Z" },
  { id: "stage2", name: "Giai đoạn 2", description: "", opensAt: "2026-06-11T17:00:00.000Z", closesAt: "2026-06-20T16:59:59.000Z" },
  { id: "stage3", name: "Giai đoạn 3", description: "", opensAt: "2026-06-20T17:00:00.000Z", closesAt: "2026-06-25T16:59:59.000Z" },
];

describe("contest calendar", () => {
  it("knows whether a stage is upcoming, open or closed, inclusive of the closing second", () => {
    expect(stageStatus(stages[0]!, new Date("2026-05-01T00:00:00Z"))).toBe("upcoming");
    expect(stageStatus(stages[0]!, new Date("2026-06-10T16:59:59.000Z"))).toBe("open");
    expect(stageStatus(stages[0]!, new Date("2026-06-10T17:00:00.000Z"))).toBe("closed");
    expect(isStageOpen(stages, "stage1", new Date("2026-06-01T00:00:00Z"))).toBe(true);
    expect(isStageOpen(stages, "stage2", new Date("2026-06-01T00:00:00Z"))).toBe(false);
  });

  it("finds the next deadline: the close of the open stage, then the next opening", () => {
    expect(nextDeadline(stages, new Date("2026-06-01T00:00:00Z"))).toMatchObject({ stageId: "stage1", kind: "closes" });
    expect(nextDeadline(stages, new Date("2026-06-11T00:00:00Z"))).toMatchObject({ stageId: "stage2", kind: "opens" });
    expect(nextDeadline(stages, new Date("2026-07-01T00:00:00Z"))).toBeNull();
  });

  it("resolves relative dates for the demo pack", () => {
    const now = new Date("2026-11-22T00:00:00Z");
    expect(resolveRelative("+3d", now).toISOString()).toBe("2026-11-25T00:00:00.000Z");
    expect(resolveRelative("-2h", now).toISOString()).toBe("2026-11-21T22:00:00.000Z");
    expect(resolveRelative("+30m", now).toISOString()).toBe("2026-11-22T00:30:00.000Z");
    expect(() => resolveRelative("tomorrow", now)).toThrow(/tomorrow/);
  });
});
