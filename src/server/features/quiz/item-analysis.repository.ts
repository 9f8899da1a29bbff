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

/**
 * (question, chosen option, key, total score) → count, read from the trigger-kept tally: a few tens
 * of thousands of rows whatever the number of attempts.
 */
export async function answerCells(db: Db, scope: AttemptScope): Promise<{ questionId: string; optionId: string | null; isKey: boolean; total: number; count: number }[]> {
  const rows = await db
    .selectFrom("quizItemTally")
    .select(["questionId", "optionId", "isKey", "total", "count"])
    .where("scope", "=", scope)
    .where("count", "<>", 0)
    .execute();
  return rows.map((r) => ({ questionId: r.questionId, optionId: r.optionId === "" ? null : r.optionId, isKey: Number(r.isKey) === 1, total: Number(r.total), count: Number(r.count) }));
}

/** Split the one-pass groups into the item and option histograms the domain maths takes. */
export function splitCells(rows: Awaited<ReturnType<typeof answerCells>>): { cells: ItemCell[]; options: OptionCell[] } {
  const cells = new Map<string, ItemCell>();
  const options = new Map<string, OptionCell>();
  for (const r of rows) {
    const correct = r.isKey ? 1 : 0;
    const ck = `${r.questionId}\u0000${correct}\u0000${r.total}`;
    const c = cells.get(ck) ?? { questionId: r.questionId, correct, total: r.total, count: 0 };
    c.count += r.count;
    cells.set(ck, c);
    const ok = `${r.questionId}\u0000${r.optionId ?? ""}`;
    const o = options.get(ok) ?? { questionId: r.questionId, optionId: r.optionId, isKey: r.isKey, count: 0, sumTotal: 0 };
    o.count += r.count;
    o.sumTotal += r.total * r.count;
    options.set(ok, o);
  }
  return { cells: [...cells.values()], options: [...options.values()] };
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
