/** A lesson as the list shows it. */
export type LessonStatus = "not_started" | "in_progress" | "completed";

export function lessonStatus(progress: { watchedSec: number; completedAt: string | null } | undefined): LessonStatus {
  if (!progress) return "not_started";
  if (progress.completedAt) return "completed";
  return progress.watchedSec > 0 ? "in_progress" : "not_started";
}

/**
 * When the pack requires order, a lesson opens once every earlier lesson is completed.
 * `lessons` is in pack order.
 */
export function isLessonLocked(lessons: readonly { id: string }[], completedIds: ReadonlySet<string>, lessonId: string, requireOrder: boolean): boolean {
  if (!requireOrder) return false;
  const index = lessons.findIndex((l) => l.id === lessonId);
  return lessons.slice(0, Math.max(0, index)).some((l) => !completedIds.has(l.id));
}

/**
 * Whether a person "finished the lessons": a completion for every lesson of the pack.
 * The same rule units and reminders apply in SQL (lesson_progress.completed_at not null for each lesson).
 */
export function learningSummary(lessonIds: readonly string[], completedIds: ReadonlySet<string>): { completedCount: number; total: number; allCompleted: boolean } {
  const completedCount = lessonIds.filter((id) => completedIds.has(id)).length;
  return { completedCount, total: lessonIds.length, allCompleted: lessonIds.length > 0 && completedCount === lessonIds.length };
}
