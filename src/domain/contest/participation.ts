import type { Stage } from "./contest.schema";

/**
 * The one rule of "finished" (Stage 1 participation), used by quiz, units, ranking, reports and
 * reminders alike: every lesson of the pack completed and a test attempt finished, both by the
 * cut-off — the close of the stage in which people learn (the pack's first stage).
 */

/** The stage in which people learn and take the test: the pack's first (packs list stages in order). */
export function participationStage(stages: readonly Stage[]): Stage {
  const stage = stages[0];
  if (!stage) throw new Error("the pack has no stages");
  return stage;
}

/** What counts: these lessons, activity up to `cutoff`, and which attempt's score (the pack's choice). */
export type ParticipationScope = {
  lessonIds: readonly string[];
  cutoff: string;
  counted: "best" | "first" | "last";
};

export function participationScopeOf(input: {
  lessons: ReadonlyArray<{ id: string }>;
  stages: readonly Stage[];
  quiz: { countedAttempt: ParticipationScope["counted"] };
}): ParticipationScope {
  return { lessonIds: input.lessons.map((l) => l.id), cutoff: participationStage(input.stages).closesAt, counted: input.quiz.countedAttempt };
}

/**
 * What a unit's participation rate is measured against: its roster, or the official headcount an
 * organiser set when that is larger (a list trimmed to the people who took part does not reach 100 %).
 */
export function participationBase(rosterCount: number, headcount: number | null | undefined): number {
  return Math.max(rosterCount, headcount ?? 0);
}

export type Progress = { lessonsDone: number; lessonCount: number; testDone: boolean };

export const lessonsComplete = (p: Pick<Progress, "lessonsDone" | "lessonCount">): boolean => p.lessonsDone >= p.lessonCount;

export function isFinished(p: Progress): boolean {
  return lessonsComplete(p) && p.testDone;
}

/** When a finished person finished: the later of their last lesson and their first finished attempt. */
export function finishedAt(p: { lessonsAt: string | null; firstFinished: string | null }): string | null {
  return [p.lessonsAt, p.firstFinished].filter((x): x is string => x !== null).sort().at(-1) ?? null;
}
