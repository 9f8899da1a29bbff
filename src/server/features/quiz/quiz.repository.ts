import { PostgresAdapter, sql, type Transaction } from "kysely";
import { compiledOnce } from "../../db/compiled-once";
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

export type FastSave = { attemptId: string; userId: string; questionId: string; displayIndex: number; seq: number; savedAt: string; dueCutoff: string };

/**
 * The common case of an answer save in one statement: insert or raise the answer only if the
 * attempt is mine, still active, not past dueAt + grace (dueAt ≥ dueCutoff), the question is on
 * its paper and the option exists; the shown option is mapped to the bank id in SQL (bank ids
 * are single letters, stored "c,a,d,b", so position i is character 2i+1). Returns false when
 * nothing was written, and the caller works out why. On PostgreSQL the attempt row is share-
 * locked, so a concurrent close waits for this write (or this write sees the close).
 */
export async function tryFastSaveAnswer(db: Q, p: FastSave): Promise<boolean> {
  const r = await fastSave(db, { ...p, pos: 2 * p.displayIndex + 1 });
  return r.rows.length > 0;
}

/** The statement above, built and compiled once per database (compiled-once.ts): it runs for every tap at the deadline. */
const fastSave = compiledOnce(["attemptId", "userId", "questionId", "pos", "seq", "savedAt", "dueCutoff"], (db, v) => {
  // PostgreSQL: share-lock the attempt so a concurrent close waits for this write (or this write sees the close).
  const lock = db.getExecutor().adapter instanceof PostgresAdapter ? sql`for share of a` : sql``;
  const query = sql<{ seq: number }>`
    insert into quiz_answers (attempt_id, question_id, option_id, seq, saved_at)
    select a.id, q.question_id, substr(q.option_order, ${v("pos")}, 1), ${v("seq")}, ${v("savedAt")}
    from quiz_attempts a
    join quiz_attempt_questions q on q.attempt_id = a.id and q.question_id = ${v("questionId")}
    where a.id = ${v("attemptId")} and a.user_id = ${v("userId")} and a.status = 'active' and a.due_at >= ${v("dueCutoff")}
      and length(q.option_order) >= ${v("pos")}
    ${lock}
    on conflict (attempt_id, question_id) do update
      set option_id = excluded.option_id, seq = excluded.seq, saved_at = excluded.saved_at
      where quiz_answers.seq < excluded.seq
    returning seq`;
  return { compile: () => query.compile(db) };
});

/**
 * PostgreSQL: the one-statement save for many answers at once (one round trip, one commit, locks
 * held only while it runs). Rows are locked and written in (attempt, question) order, so two such
 * statements never wait on each other in a cycle. Keys must be distinct (ON CONFLICT may touch a
 * row once per statement). Returns the keys written (`attemptId questionId`).
 */
export async function fastSaveManyPg(db: Q, items: readonly FastSave[]): Promise<Set<string>> {
  const col = <K extends keyof FastSave>(k: K) => items.map((i) => i[k]);
  const r = await sql<{ attemptId: string; questionId: string }>`
    insert into quiz_answers (attempt_id, question_id, option_id, seq, saved_at)
    select a.id, q.question_id, substr(q.option_order, 2 * v.display_index + 1, 1), v.seq, v.saved_at
    from unnest(${col("attemptId")}::text[], ${col("userId")}::text[], ${col("questionId")}::text[], ${col("displayIndex")}::int[],
                ${col("seq")}::bigint[], ${col("savedAt")}::text[], ${col("dueCutoff")}::text[])
      as v(attempt_id, user_id, question_id, display_index, seq, saved_at, due_cutoff)
    join quiz_attempts a on a.id = v.attempt_id
    join quiz_attempt_questions q on q.attempt_id = a.id and q.question_id = v.question_id
    where a.user_id = v.user_id and a.status = 'active' and a.due_at >= v.due_cutoff
      and length(q.option_order) >= 2 * v.display_index + 1
    order by a.id, q.question_id
    for share of a
    on conflict (attempt_id, question_id) do update
      set option_id = excluded.option_id, seq = excluded.seq, saved_at = excluded.saved_at
      where quiz_answers.seq < excluded.seq
    returning attempt_id, question_id`.execute(db);
  return new Set(r.rows.map((row) => `${row.attemptId} ${row.questionId}`));
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

/**
 * Active attempts whose grace window ended before `cutoff`, for the sweeper, in its transaction. On
 * PostgreSQL they are locked and rows another replica's sweeper (or a submit) holds are skipped, so
 * several replicas split the work instead of queueing on the same rows.
 */
export async function claimOverdueActive(trx: Q, dialect: Dialect, cutoffIso: string, limit: number): Promise<QuizAttemptRow[]> {
  const q = trx.selectFrom("quizAttempts").selectAll().where("status", "=", "active").where("dueAt", "<", cutoffIso).orderBy("dueAt").limit(limit);
  return (dialect === "postgres" ? q.forUpdate().skipLocked() : q).execute();
}

/**
 * Counted scores (one per person with a finished, scored attempt, by the pack's rule): everyone
 * of a unit (users.unit_code), or one person. The unit read ships one number per person and is
 * made once per unit and cache period (see unit-rank.ts); the per-person read is what a submit pays.
 */
export async function countedScores(
  db: Q,
  who: { unitCode: string } | { userId: string },
  rule: "best" | "first" | "last",
): Promise<{ userId: string; score: number }[]> {
  const order = rule === "last" ? sql`desc` : sql`asc`;
  const counted = rule === "best" ? sql`best` : sql`score`;
  const where = "unitCode" in who ? sql`a.user_id in (select u.id from users u where u.unit_code = ${who.unitCode})` : sql`a.user_id = ${who.userId}`;
  const r = await sql<{ userId: string; s: number }>`
    with finished as (
      select a.user_id, a.score,
        row_number() over (partition by a.user_id order by a.started_at ${order}) as rn,
        max(a.score) over (partition by a.user_id) as best
      from quiz_attempts a
      where ${where} and a.finished_at is not null and a.score is not null
    )
    select user_id, ${counted} as s from finished where rn = 1`.execute(db);
  return r.rows.map((row) => ({ userId: row.userId, score: Number(row.s) }));
}

/** The unit a person belongs to now (users.unit_code). */
export async function unitCodeOf(db: Q, userId: string): Promise<string | null> {
  const r = await db.selectFrom("users").select("unitCode").where("id", "=", userId).executeTakeFirst();
  return r?.unitCode ?? null;
}

export async function insertFocusEvent(db: Q, row: { id: string; attemptId: string; kind: "paused" | "resumed"; at: string }): Promise<void> {
  await db.insertInto("quizFocusEvents").values(row).execute();
}

export async function countFocusEvents(db: Q, attemptId: string): Promise<number> {
  const r = await db.selectFrom("quizFocusEvents").select((e) => e.fn.countAll<number>().as("n")).where("attemptId", "=", attemptId).executeTakeFirst();
  return Number(r?.n ?? 0);
}
