import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dialect } from "../../db/database";
import { DIALECTS } from "../../test/dialects";
import { seedPerson } from "../../test/seed";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { sweepOverdueAttempts } from "./quiz.service";
import { keyOf, save, startAndLoad } from "./quiz.test-helpers";

/** A test app of the dialect, and `n` abandoned attempts on it, the i-th with i+1 right answers. */
function sweeperApp(dialect: Dialect) {
  const s = {
    t: null as unknown as TestApp,
    async abandoned(n: number, prefix: string): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const who = await seedPerson(s.t, `${prefix} ${i}`, { unitCode: "10507", lessons: s.t.pack.lessons.length });
        const paper = await startAndLoad(s.t, who.auth);
        for (const q of paper.questions.slice(0, i + 1)) expect((await save(s.t, who.auth, paper.attempt.id, q.id, keyOf(s.t, q).right, 1)).statusCode).toBe(200);
        out.set(paper.attempt.id, i + 1);
      }
      s.t.clock.advance((s.t.pack.quiz.timeLimitMinutes * 60 + s.t.pack.quiz.graceSeconds + 60) * 1000);
      return out;
    },
    rowsOf: (ids: string[]) => s.t.app.ctx.db.selectFrom("quizAttempts").selectAll().where("id", "in", ids).execute(),
  };
  beforeAll(async () => {
    s.t = await buildTestApp(dialect);
  });
  afterAll(() => s.t.close());
  return s;
}

/** The sweeper runs on every replica at once (three on PostgreSQL in production). */
describe.each(DIALECTS)("overdue-attempt sweeper with concurrent replicas on %s", (dialect) => {
  const s = sweeperApp(dialect);

  it("three sweepers at once close every overdue attempt exactly once, scored from its answers", async () => {
    const expected = await s.abandoned(9, "Bỏ dở");
    const counts = await Promise.all([1, 2, 3].map(() => sweepOverdueAttempts(s.t.app.ctx, 2)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(expected.size);
    for (const row of await s.rowsOf([...expected.keys()])) {
      expect(row).toMatchObject({ status: "expired", finishedAt: row.dueAt, correctCount: expected.get(row.id) });
      expect(Number(row.score)).toBe(Math.round((expected.get(row.id)! * 10000) / 30) / 100);
    }
    expect(await sweepOverdueAttempts(s.t.app.ctx)).toBe(0);
  });
});

describe("overdue-attempt sweeper on postgres, a row held by another replica", () => {
  const s = sweeperApp("postgres");

  it("is skipped, not waited for, and closed on a later pass", async () => {
    const expected = await s.abandoned(4, "Đang khoá");
    const [held, ...rest] = [...expected.keys()];
    await s.t.app.ctx.db.transaction().execute(async (trx) => {
      await sql`select id from quiz_attempts where id = ${held} for update`.execute(trx);
      // Without SKIP LOCKED this sweep would wait for the lock held here (it never comes): the test would time out.
      expect(await sweepOverdueAttempts(s.t.app.ctx)).toBe(rest.length);
    });
    expect((await s.rowsOf([held!]))[0]!.status).toBe("active");
    expect(await sweepOverdueAttempts(s.t.app.ctx)).toBe(1);
    expect((await s.rowsOf([...expected.keys()])).every((r) => r.status === "expired")).toBe(true);
  });
});
