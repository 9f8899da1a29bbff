/**
 * One row per person with any activity, computed from lesson_progress and quiz_attempts for the
 * pack's scope (see participation_meta). Never written by anyone but the participation feature.
 */
export interface ParticipationSummaryTable {
  userId: string;
  lessonsDone: number;
  lessonsAt: string | null;
  tested: number;
  countedScore: number | null;
  firstFinished: string | null;
  updatedAt: string;
}

/** People whose facts changed since their summary was computed (written by database triggers). */
export interface ParticipationDirtyTable {
  userId: string;
  version: number;
}

export interface ParticipationMetaTable {
  id: string;
  scope: string;
  builtAt: string;
}

/** The official headcount of a unit, set by an organiser; participation counts against max(headcount, roster). */
export interface UnitHeadcountsTable {
  unitCode: string;
  headcount: number;
  setBy: string;
  setAt: string;
  reason: string;
}
