import { sql } from "kysely";
import type { ItemCell, OptionCell, TotalCell } from "../../../domain/quiz/item-analysis";
import type { Db } from "../../db/database";

export type AttemptScope = "first" | "all";

const FINISHED = ["submitted", "expired"] as const;

/** Finished attempts in scope; the three histograms are all grouped in the database. */
function scoped(db: Db, scope: AttemptScope) {
  let q = db.selectFrom("quizAttempts as a").where("a.status", "in", FINISHED);
  if (scope === "first") q = q.where("a.attemptNo", "=", 1);
  return q;
}

export async function itemCells(db: Db, scope: AttemptScope): Promise<ItemCell[]> {
  const correct = sql<number>`case when ans.option_id = q.correct_option_id then 1 else 0 end`;
  const rows = await scoped(db, scope)
    .innerJoin("quizAttemptQuestions as q", "q.attemptId", "a.id")
    .leftJoin("quizAnswers as ans", (j) => j.onRef("ans.attemptId", "=", "q.attemptId").onRef("ans.questionId", "=", "q.questionId"))
    .select([
      "q.questionId as questionId",
      correct.as("correct"),
      sql<number>`coalesce(a.correct_count, 0)`.as("total"),
      (eb) => eb.fn.countAll<number>().as("count"),
    ])
    .groupBy(["q.questionId", correct, sql`coalesce(a.correct_count, 0)`])
    .execute();
  return rows.map((r) => ({ questionId: r.questionId, correct: Number(r.correct) ? 1 : 0, total: Number(r.total), count: Number(r.count) }));
}

export async function optionCells(db: Db, scope: AttemptScope): Promise<OptionCell[]> {
  const isKey = sql<number>`case when ans.option_id = q.correct_option_id then 1 else 0 end`;
  const rows = await scoped(db, scope)
    .innerJoin("quizAttemptQuestions as q", "q.attemptId", "a.id")
    .leftJoin("quizAnswers as ans", (j) => j.onRef("ans.attemptId", "=", "q.attemptId").onRef("ans.questionId", "=", "q.questionId"))
    .select([
      "q.questionId as questionId",
      "ans.optionId as optionId",
      isKey.as("isKey"),
      (eb) => eb.fn.countAll<number>().as("count"),
      sql<number>`sum(coalesce(a.correct_count, 0))`.as("sumTotal"),
    ])
    .groupBy(["q.questionId", "ans.optionId", isKey])
    .execute();
  return rows.map((r) => ({ questionId: r.questionId, optionId: r.optionId ?? null, isKey: Number(r.isKey) === 1, count: Number(r.count), sumTotal: Number(r.sumTotal) }));
}

export async function totalCells(db: Db, scope: AttemptScope): Promise<TotalCell[]> {
  const rows = await scoped(db, scope)
    .select([sql<number>`coalesce(a.correct_count, 0)`.as("total"), (eb) => eb.fn.countAll<number>().as("count")])
    .groupBy(sql`coalesce(a.correct_count, 0)`)
    .execute();
  return rows.map((r) => ({ total: Number(r.total), count: Number(r.count) }));
}

/** Per question: answers and right answers over first finished attempts, for one unit or the city. */
export async function rightByQuestion(db: Db, unitCode: string | null): Promise<{ questionId: string; answers: number; right: number }[]> {
  let q = scoped(db, "first")
    .innerJoin("quizAttemptQuestions as q", "q.attemptId", "a.id")
    .leftJoin("quizAnswers as ans", (j) => j.onRef("ans.attemptId", "=", "q.attemptId").onRef("ans.questionId", "=", "q.questionId"));
  if (unitCode !== null) q = q.innerJoin("users as u", "u.id", "a.userId").where("u.unitCode", "=", unitCode);
  const rows = await q
    .select([
      "q.questionId as questionId",
      (eb) => eb.fn.countAll<number>().as("answers"),
      sql<number>`sum(case when ans.option_id = q.correct_option_id then 1 else 0 end)`.as("right"),
    ])
    .groupBy("q.questionId")
    .execute();
  return rows.map((r) => ({ questionId: r.questionId, answers: Number(r.answers), right: Number(r.right) }));
}
