import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPerson } from "../../test/seed";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { closeAttempt } from "./quiz-attempts";
import { startAndLoad } from "./quiz.test-helpers";

/**
 * The deadline on PostgreSQL: many attempts close at once (last-second submits on every replica,
 * the sweepers). Each close's trigger adds the attempt to the item-analysis tally, and attempts
 * with the same questions and the same total meet on the same tally rows. Taken in each paper's
 * own order, two closes could each hold a row the other wants: "deadlock detected", a 500 on
 * submit and a sweeper pass lost (seen in bench:surge with three replicas).
 */
describe("closing many attempts at once on postgres", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp("postgres");
  });
  afterAll(() => t.close());

  it("closes every one, with no deadlock between their tally updates", async () => {
    const ids: string[] = [];
    // Nobody answers anything: every close adds to the same (question, no answer, total 0) rows.
    for (let i = 0; i < 24; i++) {
      const who = await seedPerson(t, `Hạn chót ${i}`, { unitCode: "10507", lessons: t.pack.lessons.length });
      ids.push((await startAndLoad(t, who.auth)).attempt.id);
    }
    const outcomes = await Promise.allSettled(ids.map((id) => closeAttempt(t.app.ctx, id, "submitted")));
    const failed = outcomes.flatMap((o) => (o.status === "rejected" ? [String((o.reason as Error).message)] : []));
    expect(failed).toEqual([]);

    const rows = await t.app.ctx.db.selectFrom("quizAttempts").select(["status", "correctCount"]).where("id", "in", ids).execute();
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => "submitted"));
    // Each attempt counted once per question in the tally (scope "all"; all are first attempts, so "first" too).
    const tally = await t.app.ctx.db.selectFrom("quizItemTally").select((eb) => eb.fn.sum<string>("count").as("n")).where("scope", "=", "all").executeTakeFirstOrThrow();
    expect(Number(tally.n)).toBe(ids.length * t.pack.quiz.questionCount);
  });
});
