import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Merge of two accounts of one person (people feature): each lesson keeps its best facts — the
 * earlier completion, the higher coverage with its watch record — and one row per lesson.
 * Participation follows through migration 0014's owner trigger. Returns how many lessons moved or merged.
 */
export async function mergeLessonProgress(trx: Transaction<Database>, fromUserId: string, toUserId: string): Promise<number> {
  const rows = await trx.selectFrom("lessonProgress").selectAll().where("userId", "in", [fromUserId, toUserId]).execute();
  const kept = new Map(rows.filter((r) => r.userId === toUserId).map((r) => [r.lessonId, r]));
  let n = 0;
  for (const from of rows.filter((r) => r.userId === fromUserId)) {
    n++;
    const to = kept.get(from.lessonId);
    if (!to) {
      await trx.updateTable("lessonProgress").set({ userId: toUserId }).where("userId", "=", fromUserId).where("lessonId", "=", from.lessonId).execute();
      continue;
    }
    const done = [from.completedAt, to.completedAt].filter((c): c is string => c !== null).sort()[0] ?? null;
    const better = Number(from.coverage) > Number(to.coverage) ? from : to;
    const started = [from.startedAt, to.startedAt].filter((c): c is string => c !== null).sort()[0] ?? null;
    await trx
      .updateTable("lessonProgress")
      .set({ completedAt: done, startedAt: started, intervals: better.intervals, watchedSec: better.watchedSec, coverage: better.coverage, lastPosition: better.lastPosition, lastReportAt: better.lastReportAt, updatedAt: better.updatedAt })
      .where("userId", "=", toUserId)
      .where("lessonId", "=", from.lessonId)
      .execute();
    await trx.deleteFrom("lessonProgress").where("userId", "=", fromUserId).where("lessonId", "=", from.lessonId).execute();
  }
  return n;
}
