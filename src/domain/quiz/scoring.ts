import type { QuizBlueprint } from "./quiz.config";

export type Score = { correctCount: number; questionCount: number; /** percent correct, 0–100, two decimals */ score: number };

/** Score a paper from the saved answers (bank option ids). Unanswered questions count as wrong. */
export function scorePaper(key: readonly { questionId: string; correctOptionId: string }[], answers: ReadonlyMap<string, string>): Score {
  const correctCount = key.filter((k) => answers.get(k.questionId) === k.correctOptionId).length;
  const questionCount = key.length;
  return { correctCount, questionCount, score: questionCount === 0 ? 0 : Math.round((correctCount * 10000) / questionCount) / 100 };
}

export type FinishedAttempt = { startedAt: string; score: number };

/** The score that counts for a person, per the pack's rule; null before any finished attempt. */
export function countedScore(attempts: readonly FinishedAttempt[], rule: QuizBlueprint["countedAttempt"]): number | null {
  if (attempts.length === 0) return null;
  if (rule === "best") return Math.max(...attempts.map((a) => a.score));
  const byStart = [...attempts].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return (rule === "first" ? byStart[0] : byStart[byStart.length - 1])!.score;
}

/** Standard competition ranking ("1224"): 1 + how many people in the unit have a strictly higher score. */
export function rankAmong(myScore: number, scores: readonly number[]): { position: number; of: number } {
  return { position: 1 + scores.filter((s) => s > myScore).length, of: scores.length };
}

/** Seconds between start and finish, never negative. */
export function secondsBetween(fromIso: string, toIso: string): number {
  return Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
}
