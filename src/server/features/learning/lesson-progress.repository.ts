import type { Interval } from "../../../domain/learning/intervals";
import type { Db } from "../../db/database";
import type { LessonProgressRow, LessonProgressUpdate } from "./lesson-progress.table";

/** A database handle or an open transaction. */
type Q = Pick<Db, "selectFrom" | "insertInto" | "updateTable">;

export function parseIntervals(json: string): Interval[] {
  try {
    const raw: unknown = JSON.parse(json);
    if (!Array.isArray(raw)) return [];
    return raw.filter((x): x is [number, number] => Array.isArray(x) && x.length === 2 && x.every((n) => typeof n === "number"));
  } catch {
    return [];
  }
}

/** All of a person's rows; `forUpdate` locks them for the transaction on PostgreSQL (SQLite serialises writers anyway). */
export async function listProgressOfUser(db: Q, userId: string, opts: { forUpdate?: boolean } = {}): Promise<LessonProgressRow[]> {
  let q = db.selectFrom("lessonProgress").selectAll().where("userId", "=", userId);
  if (opts.forUpdate) q = q.forUpdate();
  return q.execute();
}

/** One row; `forUpdate` as above. */
export async function findProgress(db: Q, userId: string, lessonId: string, opts: { forUpdate?: boolean } = {}): Promise<LessonProgressRow | undefined> {
  let q = db.selectFrom("lessonProgress").selectAll().where("userId", "=", userId).where("lessonId", "=", lessonId);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * First opening starts the lesson's plausibility clock; later openings change nothing. A row
 * written by another feature with only the contract columns gets its clock here too.
 */
export async function ensureProgress(db: Q, userId: string, lessonId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto("lessonProgress")
    .values({ userId, lessonId, startedAt: at, lastReportAt: at, updatedAt: at })
    .onConflict((oc) => oc.columns(["userId", "lessonId"]).doNothing())
    .execute();
  await db.updateTable("lessonProgress").set({ startedAt: at, lastReportAt: at }).where("userId", "=", userId).where("lessonId", "=", lessonId).where("lastReportAt", "is", null).execute();
}

export async function updateProgress(db: Q, userId: string, lessonId: string, patch: LessonProgressUpdate): Promise<void> {
  await db.updateTable("lessonProgress").set(patch).where("userId", "=", userId).where("lessonId", "=", lessonId).execute();
}
