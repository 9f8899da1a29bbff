import type { StageStatus } from "../contest/calendar";
import type { QuizBlueprint } from "./quiz.config";
import type { QuizLockReason } from "./quiz.schema";

export type EligibilityInput = {
  lessonsCompleted: number;
  lessonsTotal: number;
  stage1: StageStatus;
  /** Attempts started so far (finished or not). */
  attemptsUsed: number;
  lastFinishedAt: string | null;
  hasActive: boolean;
  now: Date;
};

/**
 * Whether a new attempt may start now, and every reason why not (all of them, so the app can
 * tell the person everything at once). An active attempt is never blocked: it is resumed.
 */
export function quizEligibility(rules: Pick<QuizBlueprint, "attemptsAllowed" | "cooldownMinutes">, input: EligibilityInput) {
  const reasons: QuizLockReason[] = [];
  if (input.stage1 === "upcoming") reasons.push("stage_not_open");
  if (input.stage1 === "closed") reasons.push("stage_closed");
  if (input.lessonsCompleted < input.lessonsTotal) reasons.push("lessons_incomplete");
  if (input.attemptsUsed >= rules.attemptsAllowed) reasons.push("no_attempts_left");
  let nextAttemptAt: string | null = null;
  if (input.lastFinishedAt && rules.cooldownMinutes > 0) {
    const at = Date.parse(input.lastFinishedAt) + rules.cooldownMinutes * 60_000;
    if (at > input.now.getTime()) {
      nextAttemptAt = new Date(at).toISOString();
      reasons.push("cooldown");
    }
  }
  if (input.hasActive) return { canStart: false, canResume: true, reasons: [] as QuizLockReason[], nextAttemptAt: null };
  return { canStart: reasons.length === 0, canResume: false, reasons, nextAttemptAt };
}

/** Whether answers and explanations of a finished attempt may be shown now. */
export function reviewOpensAt(policy: QuizBlueprint["review"], finishedAt: string | null, stage1ClosesAt: string): string | null {
  if (!finishedAt || policy === "never") return null;
  return policy === "after_submit" ? finishedAt : stage1ClosesAt;
}

/** The attempt's deadline: the time limit, but never past the close of Stage 1. */
export function attemptDueAt(startedAt: Date, timeLimitMinutes: number, stage1ClosesAt: string): string {
  return new Date(Math.min(startedAt.getTime() + timeLimitMinutes * 60_000, Date.parse(stage1ClosesAt))).toISOString();
}
