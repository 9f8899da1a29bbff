import { sql, type Transaction } from "kysely";
import type { Db, Dialect } from "../../db/database";
import type { Database } from "../../db/schema";
import type { NewQuizAttemptRow, QuizAnswerRow, QuizAttemptQuestionsTable, QuizAttemptRow, QuizPaperRow } from "./quiz.table";

type Q = Db | Transaction<Database>;

export async function findAttempt(db: Q, id: string): Promise<QuizAttemptRow | undefined> {
  return db.selectFrom("quizAttempts").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * The attempt, locked against a concurrent close on PostgreSQL (FOR UPDATE for closing,
 * FOR SHARE for saving). SQLite runs one transaction at a time, so no lock clause is needed.
 */
export async function findAttemptLocked(trx: Q, dialect: Dialect, id: string, mode: "update" | "share"): Promise<QuizAttemptRow | undefined> {
  let q = trx.selectFrom("quizAttempts").selectAll().where("id", "=", id);
  if (dialect === "postgres") q = mode === "update" ? q.forUpdate() : q.forShare();
  return q.executeTakeFirst();
}

/** The attempt and one question of its paper in one round trip (the hot path of every answer save). */
export async function findAttemptWithQuestion(trx: Q, dialect: Dialect, attemptId: string, questionId: string) {
  let q = trx
    .selectFrom("quizAttempts as a")
    .innerJoin("quizAttemptQuestions as q", (j) => j.onRef("q.attemptId", "=", "a.id").on("q.questionId", "=", questionId))
    .select(["a.id", "a.userId", "a.status", "a.dueAt", "q.optionOrder"])
    .where("a.id", "=", attemptId);
  if (dialect === "postgres") q = q.forShare("a");
  return q.executeTakeFirst();
}

export async function findActiveAttempt(db: Q, userId: string): Promise<QuizAttemptRow | undefined> {
  return db.selectFrom("quizAttempts").selectAll().where("userId", "=", userId).where("status", "=", "active").executeTakeFirst();
}

export async function listAttemptsOfUser(db: Q, userId: string): Promise<(QuizAttemptRow & { answeredCount: number })[]> {
  return db
    .selectFrom("quizAttempts as a")
    .selectAll("a")
    .select((eb) => eb.selectFrom("quizAnswers as x").whereRef("x.attemptId", "=", "a.id").select((e) => e.fn.countAll<number>().as("n")).as("answeredCount"))
    .where("a.userId", "=", userId)
    .orderBy("a.attemptNo", "desc")
    .execute() as Promise<(QuizAttemptRow & { answeredCount: number })[]>;
}

export async function countAnswers(db: Q, attemptId: string): Promise<number> {
  const r = await db.selectFrom("quizAnswers").select((e) => e.fn.countAll<number>().as("n")).where("attemptId", "=", attemptId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertAttempt(trx: Q, attempt: NewQuizAttemptRow, paper: QuizAttemptQuestionsTable[]): Promise<void> {
  await trx.insertInto("quizAttempts").values(attempt).execute();
  await trx.insertInto("quizAttemptQuestions").values(paper).execute();
}

export async function listPaper(db: Q, attemptId: string): Promise<QuizPaperRow[]> {
  return db.selectFrom("quizAttemptQuestions").selectAll().where("attemptId", "=", attemptId).orderBy("position").execute();
}

export async function listAnswers(db: Q, attemptId: string): Promise<QuizAnswerRow[]> {
  return db.selectFrom("quizAnswers").selectAll().where("attemptId", "=", attemptId).execute();
}

export async function findAnswer(db: Q, attemptId: string, questionId: string): Promise<QuizAnswerRow | undefined> {
  return db.selectFrom("quizAnswers").selectAll().where("attemptId", "=", attemptId).where("questionId", "=", questionId).executeTakeFirst();
}

/**
 * Insert or replace one answer, but only with a higher seq: a late retry of an older tap can
 * never overwrite a newer one, and a retry of the same tap changes nothing. Returns the row
 * as stored afterwards and whether this call changed it.
 */
export async function upsertAnswer(db: Q, row: QuizAnswerRow): Promise<{ stored: QuizAnswerRow; applied: boolean }> {
  const written = await db
    .insertInto("quizAnswers")
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(["attemptId", "questionId"])
        .doUpdateSet((eb) => ({ optionId: eb.ref("excluded.optionId"), seq: eb.ref("excluded.seq"), savedAt: eb.ref("excluded.savedAt") }))
        .where("quizAnswers.seq", "<", (eb) => eb.ref("excluded.seq")),
    )
    .returning(["attemptId", "questionId", "optionId", "seq", "savedAt"])
    .executeTakeFirst();
  if (written) return { stored: written, applied: true };
  const stored = await findAnswer(db, row.attemptId, row.questionId);
  if (!stored) throw new Error("answer vanished after a refused upsert");
  return { stored, applied: false };
}

/** Close an attempt that is still active; returns false when someone else closed it first. */
export async function closeAttemptRow(
  trx: Q,
  id: string,
  values: { status: "submitted" | "expired"; finishedAt: string; score: number; correctCount: number },
): Promise<boolean> {
  const r = await trx.updateTable("quizAttempts").set(values).where("id", "=", id).where("status", "=", "active").executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Active attempts whose grace window ended before `cutoff` (for the sweeper). */
export async function listOverdueActive(db: Q, cutoffIso: string, limit: number): Promise<QuizAttemptRow[]> {
  return db.selectFrom("quizAttempts").selectAll().where("status", "=", "active").where("dueAt", "<", cutoffIso).orderBy("dueAt").limit(limit).execute();
}

/**
 * Lessons of the pack this person has completed. lesson_progress belongs to the learning
 * feature (cross-feature contract: completed_at is set once, when coverage reached the threshold).
 */
export async function countCompletedLessons(db: Q, userId: string, lessonIds: readonly string[]): Promise<number> {
  if (lessonIds.length === 0) return 0;
  const r = await sql<{ n: number }>`select count(*) as n from lesson_progress
    where user_id = ${userId} and completed_at is not null and lesson_id in (${sql.join(lessonIds)})`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Every finished attempt of everyone in a unit (for the rank within the unit). */
export async function finishedAttemptsInUnit(db: Q, unitCode: string): Promise<{ userId: string; startedAt: string; score: number }[]> {
  const rows = await db
    .selectFrom("quizAttempts as a")
    .innerJoin("users as u", "u.id", "a.userId")
    .select(["a.userId", "a.startedAt", "a.score"])
    .where("u.unitCode", "=", unitCode)
    .where("a.finishedAt", "is not", null)
    .where("a.score", "is not", null)
    .execute();
  return rows.map((r) => ({ userId: r.userId, startedAt: r.startedAt, score: Number(r.score) }));
}

export async function insertFocusEvent(db: Q, row: { id: string; attemptId: string; kind: "paused" | "resumed"; at: string }): Promise<void> {
  await db.insertInto("quizFocusEvents").values(row).execute();
}

export async function countFocusEvents(db: Q, attemptId: string): Promise<number> {
  const r = await db.selectFrom("quizFocusEvents").select((e) => e.fn.countAll<number>().as("n")).where("attemptId", "=", attemptId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Unique-constraint violation on either database (a concurrent start won the race). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === "23505" || e?.code === "SQLITE_CONSTRAINT_UNIQUE" || e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
