import type { Transaction } from "kysely";
import type { Db } from "../../db/database";
import type { Database } from "../../db/schema";
import type { QuizOverrideRow } from "./overrides.table";

type Q = Db | Transaction<Database>;

export async function insertOverride(db: Q, row: QuizOverrideRow): Promise<void> {
  await db.insertInto("quizOverrides").values(row).execute();
}

/** A person's overrides, newest first, with the attempt's number. */
export async function listOverridesOfUser(db: Q, userId: string) {
  return db
    .selectFrom("quizOverrides as o")
    .leftJoin("quizAttempts as a", "a.id", "o.attemptId")
    .select(["o.id", "o.kind", "o.minutes", "o.reason", "o.at", "a.attemptNo"])
    .where("o.userId", "=", userId)
    .orderBy("o.at", "desc")
    .orderBy("o.id", "desc")
    .execute();
}

export async function countExtraAttempts(db: Q, userId: string): Promise<number> {
  const r = await db.selectFrom("quizOverrides").select((e) => e.fn.countAll<number>().as("n")).where("userId", "=", userId).where("kind", "=", "extra_attempt").executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function setAttemptDue(db: Q, id: string, dueAt: string): Promise<void> {
  await db.updateTable("quizAttempts").set({ dueAt }).where("id", "=", id).where("status", "=", "active").execute();
}

/** Active again until `dueAt`, its score cleared (it is scored again when it closes); answers are kept. */
export async function reopenAttemptRow(db: Q, id: string, dueAt: string): Promise<void> {
  await db.updateTable("quizAttempts").set({ status: "active", dueAt, finishedAt: null, score: null, correctCount: null }).where("id", "=", id).where("status", "=", "expired").execute();
}

/**
 * Void: no longer finished (finished_at cleared), so nothing that reads finished attempts counts it —
 * the person's score, rankings and participation (0004's triggers see finished_at change) and the
 * item tally (0011's trigger sees the status leave submitted/expired). The score stays for the record.
 */
export async function voidAttemptRow(db: Q, id: string): Promise<void> {
  await db.updateTable("quizAttempts").set({ status: "void", finishedAt: null }).where("id", "=", id).where("status", "!=", "void").execute();
}

export async function listFocusEvents(db: Q, attemptId: string) {
  return db.selectFrom("quizFocusEvents").select(["kind", "at"]).where("attemptId", "=", attemptId).orderBy("at").orderBy("id").execute();
}

/** Merge of two accounts: the overrides follow the attempts to the kept account. */
export async function moveOverrides(db: Q, fromUserId: string, toUserId: string): Promise<void> {
  await db.updateTable("quizOverrides").set({ userId: toUserId }).where("userId", "=", fromUserId).execute();
}
