import { sql, type Kysely } from "kysely";
import type { BankQuestion } from "../../../domain/quiz/question.schema";
import type { Database } from "../../db/schema";
import type { QuizBankVersionRow, QuizBankVersionsTable } from "./bank.table";

type Db = Kysely<Database>;

export const listVersions = (db: Db): Promise<QuizBankVersionRow[]> => db.selectFrom("quizBankVersions").selectAll().orderBy("version", "desc").execute();

export const findVersion = (db: Db, version: number) => db.selectFrom("quizBankVersions").selectAll().where("version", "=", version).executeTakeFirst();

export async function publishedVersionNo(db: Db): Promise<number | null> {
  const row = await db.selectFrom("quizBankVersions").select("version").where("status", "=", "published").orderBy("version", "desc").executeTakeFirst();
  return row?.version ?? null;
}

/** A new version with its questions, in one transaction; the number is the next free one (a clash is a unique violation). */
export async function insertVersion(db: Db, row: Omit<QuizBankVersionsTable, "version">, questions: readonly BankQuestion[]): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const max = await trx.selectFrom("quizBankVersions").select(sql<number>`coalesce(max(version), 0)`.as("max")).executeTakeFirstOrThrow();
    const version = Number(max.max) + 1;
    await trx.insertInto("quizBankVersions").values({ ...row, version }).execute();
    for (let i = 0; i < questions.length; i += 200) {
      const chunk = questions.slice(i, i + 200);
      await trx
        .insertInto("quizBankQuestions")
        .values(chunk.map((q, k) => ({ version, questionId: q.id, position: i + k + 1, lessonId: q.lessonId, difficulty: q.difficulty, stem: q.stem, data: JSON.stringify(q) })))
        .execute();
    }
    return version;
  });
}

/** Make `version` the published one; the one published before becomes archived. */
export async function setPublished(db: Db, version: number, by: string | null, at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("quizBankVersions").set({ status: "archived" }).where("status", "=", "published").execute();
    await trx.updateTable("quizBankVersions").set({ status: "published", publishedAt: at, publishedBy: by }).where("version", "=", version).execute();
  });
}

/** Every question of every version, newest version first (the lookup for old papers). */
export async function listAllQuestions(db: Db): Promise<{ version: number; data: string }[]> {
  return db.selectFrom("quizBankQuestions").select(["version", "data"]).orderBy("version", "desc").orderBy("position").execute();
}

export async function listVersionQuestions(db: Db, version: number): Promise<BankQuestion[]> {
  const rows = await db.selectFrom("quizBankQuestions").select("data").where("version", "=", version).orderBy("position").execute();
  return rows.map((r) => JSON.parse(r.data) as BankQuestion);
}

export async function versionsOfQuestion(db: Db, questionId: string): Promise<number[]> {
  const rows = await db.selectFrom("quizBankQuestions").select("version").where("questionId", "=", questionId).orderBy("version").execute();
  return rows.map((r) => r.version);
}

export const listRetired = (db: Db) => db.selectFrom("quizBankRetired").selectAll().execute();

export const findRetired = (db: Db, questionId: string) => db.selectFrom("quizBankRetired").selectAll().where("questionId", "=", questionId).executeTakeFirst();

export async function insertRetired(db: Db, row: { questionId: string; retiredAt: string; retiredBy: string | null; reason: string | null }): Promise<void> {
  await db.insertInto("quizBankRetired").values(row).onConflict((oc) => oc.column("questionId").doNothing()).execute();
}

export async function insertPaperVersion(db: Db, attemptId: string, version: number): Promise<void> {
  await db.insertInto("quizPaperBankVersions").values({ attemptId, version }).execute();
}

export async function paperVersion(db: Db, attemptId: string): Promise<number | null> {
  const row = await db.selectFrom("quizPaperBankVersions").select("version").where("attemptId", "=", attemptId).executeTakeFirst();
  return row?.version ?? null;
}
