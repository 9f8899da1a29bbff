import { describe, expect, it } from "vitest";
import { finishedAt, isFinished, participationScopeOf, participationStage } from "./participation";

const stages = [
  { id: "stage1" as const, name: "Giai đoạn 1", description: "", opensAt: "2026-05-28T01:00:00.000Z", closesAt: "2026-06-10T16:59:59.000Z" },
  { id: "stage2" as const, name: "Giai đoạn 2", description: "", opensAt: "2026-06-12T01:00:00.000Z", closesAt: "2026-06-20T16:59:59.000Z" },
];

describe("the one rule of finished", () => {
  it("needs every lesson and the test", () => {
    expect(isFinished({ lessonsDone: 14, lessonCount: 14, testDone: true })).toBe(true);
    expect(isFinished({ lessonsDone: 13, lessonCount: 14, testDone: true })).toBe(false);
    expect(isFinished({ lessonsDone: 14, lessonCount: 14, testDone: false })).toBe(false);
  });

  it("counts activity up to the close of the first stage, with the pack's counted attempt", () => {
    expect(participationStage(stages).id).toBe(stages[0]!.id);
    expect(participationScopeOf({ lessons: [{ id: "a" }, { id: "b" }], stages, quiz: { countedAttempt: "last" } })).toEqual({
      lessonIds: ["a", "b"],
      cutoff: stages[0]!.closesAt,
      counted: "last",
    });
  });

  it("dates finishing at the later of the last lesson and the first finished attempt", () => {
    expect(finishedAt({ lessonsAt: "2026-06-01T02:00:00.000Z", firstFinished: "2026-06-01T01:00:00.000Z" })).toBe("2026-06-01T02:00:00.000Z");
    expect(finishedAt({ lessonsAt: null, firstFinished: "2026-06-01T01:00:00.000Z" })).toBe("2026-06-01T01:00:00.000Z");
    expect(finishedAt({ lessonsAt: null, firstFinished: null })).toBeNull();
  });
});
