import { describe, expect, it } from "vitest";
import { attemptDueAt, quizEligibility, reviewOpensAt } from "./eligibility";

const rules = { attemptsAllowed: 3, cooldownMinutes: 60 };
const now = new Date("2026-06-05T03:00:00.000Z");
const base = { lessonsCompleted: 14, lessonsTotal: 14, stage1: "open" as const, attemptsUsed: 0, lastFinishedAt: null, hasActive: false, now };

describe("quizEligibility", () => {
  it("opens the test when every lesson is done and Stage 1 is open", () => {
    expect(quizEligibility(rules, base)).toEqual({ canStart: true, canResume: false, reasons: [], nextAttemptAt: null });
  });

  it("lists every reason at once", () => {
    const r = quizEligibility(rules, { ...base, lessonsCompleted: 13, stage1: "closed", attemptsUsed: 3 });
    expect(r.canStart).toBe(false);
    expect(r.reasons).toEqual(["stage_closed", "lessons_incomplete", "no_attempts_left"]);
    expect(quizEligibility(rules, { ...base, stage1: "upcoming" }).reasons).toEqual(["stage_not_open"]);
  });

  it("applies the cooldown after the last finished attempt and says when the next may start", () => {
    const r = quizEligibility(rules, { ...base, attemptsUsed: 1, lastFinishedAt: "2026-06-05T02:30:00.000Z" });
    expect(r).toMatchObject({ canStart: false, reasons: ["cooldown"], nextAttemptAt: "2026-06-05T03:30:00.000Z" });
    expect(quizEligibility(rules, { ...base, attemptsUsed: 1, lastFinishedAt: "2026-06-05T01:59:00.000Z" }).canStart).toBe(true);
  });

  it("always lets an active attempt be resumed", () => {
    expect(quizEligibility(rules, { ...base, attemptsUsed: 3, hasActive: true })).toMatchObject({ canStart: false, canResume: true, reasons: [] });
  });
});

describe("attemptDueAt", () => {
  it("is the time limit after the start, but never after Stage 1 closes", () => {
    expect(attemptDueAt(now, 30, "2026-06-10T16:59:00.000Z")).toBe("2026-06-05T03:30:00.000Z");
    expect(attemptDueAt(now, 30, "2026-06-05T03:10:00.000Z")).toBe("2026-06-05T03:10:00.000Z");
  });
});

describe("reviewOpensAt", () => {
  it("follows the pack's review policy", () => {
    const finished = "2026-06-05T03:20:00.000Z";
    const close = "2026-06-10T16:59:00.000Z";
    expect(reviewOpensAt("after_stage_close", finished, close)).toBe(close);
    expect(reviewOpensAt("after_submit", finished, close)).toBe(finished);
    expect(reviewOpensAt("never", finished, close)).toBeNull();
    expect(reviewOpensAt("after_submit", null, close)).toBeNull();
  });
});
