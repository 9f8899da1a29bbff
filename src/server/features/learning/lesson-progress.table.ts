import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/** lesson_progress: one row per person and lesson (see the cross-feature contract in the migration). */
export interface LessonProgressTable {
  userId: string;
  lessonId: string;
  /** JSON [[from, to], …], merged and clipped to the lesson. */
  intervals: Generated<string>;
  watchedSec: Generated<number>;
  coverage: Generated<number>;
  lastPosition: Generated<number>;
  /** When the person first opened the lesson. */
  startedAt: string | null;
  /** The last accepted report, or the first opening: the plausibility clock starts here. */
  lastReportAt: string | null;
  /** Set once, when the server-computed coverage first reached the threshold; never cleared. */
  completedAt: string | null;
  updatedAt: string | null;
}
export type LessonProgressRow = Selectable<LessonProgressTable>;
export type NewLessonProgressRow = Insertable<LessonProgressTable>;
export type LessonProgressUpdate = Updateable<LessonProgressTable>;
