import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rankAmong } from "../../../domain/quiz/scoring";
import type { AttemptResponse } from "../../../domain/quiz/quiz.schema";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { sweepOverdueAttempts } from "./quiz.service";
import { keyOf, readyTaker, save, startAndLoad } from "./quiz.test-helpers";

/** The end of an attempt: the deadline's grace, the sweeper, concurrent submits, the result and rank. */
describe.each(DIALECTS)("closing quiz attempts on %s", (dialect) => {
  let t: TestApp;
  const ready = (name?: string, unitCode?: string) => readyTaker(t, name, unitCode);

  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  it("accepts a save at dueAt + 10 s, refuses one at dueAt + 60 s, and scores the attempt from its saved answers at dueAt", async () => {
    const me = await ready();
    const paper = await startAndLoad(t, me.auth);
    const id = paper.attempt.id;
    const dueAt = Date.parse(paper.attempt.dueAt);
    const [q1, q2, q3] = paper.questions;
    await save(t, me.auth, id, q1!.id, keyOf(t, q1!).right, 1);
    await save(t, me.auth, id, q2!.id, keyOf(t, q2!).wrong, 1);
    const base = t.clock.now();
    try {
      t.clock.set(new Date(dueAt + 10_000));
      const late = await save(t, me.auth, id, q3!.id, keyOf(t, q3!).right, 1);
      expect(late.statusCode).toBe(200);
      t.clock.set(new Date(dueAt + 60_000));
      const tooLate = await save(t, me.auth, id, q2!.id, keyOf(t, q2!).right, 2);
      expect(tooLate.statusCode).toBe(409);
      expect(tooLate.json().error.code).toBe("ATTEMPT_CLOSED");
      // A retry of an acknowledged save still succeeds after the close.
      expect((await save(t, me.auth, id, q3!.id, keyOf(t, q3!).right, 1)).json()).toMatchObject({ applied: false, answer: { seq: 1 } });

      const read: AttemptResponse = (await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${id}`, headers: me.auth })).json();
      expect(read.attempt).toMatchObject({ status: "expired", finishedAt: paper.attempt.dueAt, correctCount: 2, score: 6.67, timeUsedSec: 1800 });
      expect(read.result).toMatchObject({ score: 6.67, correctCount: 2, questionCount: 30, timeUsedSec: 1800 });
    } finally {
      t.clock.set(base);
    }
  });

  it("closes abandoned attempts at dueAt from their saved answers — by the sweeper and lazily on any read", async () => {
    const swept = await ready();
    const lazy = await ready();
    const p1 = await startAndLoad(t, swept.auth);
    const p2 = await startAndLoad(t, lazy.auth);
    for (const q of p1.questions.slice(0, 4)) await save(t, swept.auth, p1.attempt.id, q.id, keyOf(t, q).right, 1);
    await save(t, lazy.auth, p2.attempt.id, p2.questions[0]!.id, keyOf(t, p2.questions[0]!).right, 1);
    const base = t.clock.now();
    try {
      t.clock.set(new Date(Date.parse(p1.attempt.dueAt) + 31_000));
      expect(await sweepOverdueAttempts(t.app.ctx)).toBeGreaterThanOrEqual(2);
      const row = await t.app.ctx.db.selectFrom("quizAttempts").selectAll().where("id", "=", p1.attempt.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: "expired", finishedAt: p1.attempt.dueAt, correctCount: 4 });
      expect(Number(row.score)).toBe(13.33);

      const read = (await t.app.inject({ method: "GET", url: "/api/quiz", headers: lazy.auth })).json();
      expect(read.attempts[0]).toMatchObject({ status: "expired", correctCount: 1, finishedAt: p2.attempt.dueAt });
      expect(read.countedScore).toBe(3.33);
    } finally {
      t.clock.set(base);
    }
  });

  it("scores a concurrent double submit once, and counts every acknowledged answer of a save/submit race", async () => {
    const me = await ready();
    const paper = await startAndLoad(t, me.auth);
    const id = paper.attempt.id;
    const saves = paper.questions.map((q) => save(t, me.auth, id, q.id, keyOf(t, q).right, 1));
    const submits = [1, 2].map(() => t.app.inject({ method: "POST", url: `/api/quiz/attempts/${id}/submit`, headers: me.auth }));
    const [saveResults, submitResults] = await Promise.all([Promise.all(saves), Promise.all(submits)]);
    const acked = saveResults.filter((r) => r.statusCode === 200).length;
    for (const r of saveResults) expect([200, 409]).toContain(r.statusCode);
    expect(submitResults.map((r) => r.statusCode)).toEqual([200, 200]);
    const [a, b] = submitResults.map((r) => r.json());
    expect(a).toEqual(b);
    expect(a.result.correctCount).toBe(acked);
    const stored = await t.app.ctx.db.selectFrom("quizAnswers").select((e) => e.fn.countAll<number>().as("n")).where("attemptId", "=", id).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(acked);
    // A retry after the fact returns the same result.
    expect((await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${id}/submit`, headers: me.auth })).json()).toEqual(a);
  });

  it("reports score, correct count, time used and rank within the unit after submission", async () => {
    const unit = "10525";
    const people = [await ready("Hạng Nhất", unit), await ready("Hạng Hai", unit), await ready("Hạng Ba", unit)];
    const rightAnswers = [20, 10, 10];
    const results = [];
    for (const [i, p] of people.entries()) {
      const paper = await startAndLoad(t, p.auth);
      for (const q of paper.questions.slice(0, rightAnswers[i])) await save(t, p.auth, paper.attempt.id, q.id, keyOf(t, q).right, 1);
      t.clock.advance(60_000 * (i + 1));
      results.push((await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${paper.attempt.id}/submit`, headers: p.auth })).json());
    }
    expect(results[0].result).toMatchObject({ score: 66.67, correctCount: 20, questionCount: 30, timeUsedSec: 60 });
    expect(results[2].result.timeUsedSec).toBe(180);
    const status = await Promise.all(people.map(async (p) => (await t.app.inject({ method: "GET", url: "/api/quiz", headers: p.auth })).json()));
    const scores = results.map((r) => r.result.score as number);
    expect(status.map((s) => s.rank.position)).toEqual(scores.map((s) => rankAmong(s, scores).position));
    expect(status.map((s) => s.rank.position)).toEqual([1, 2, 2]);
    expect(status[0].rank).toEqual({ position: 1, of: 3, unitCode: unit, unitName: t.pack.units.find((u) => u.code === unit)!.fullName });
    expect(status[1]).toMatchObject({ countedScore: 33.33, attemptsUsed: 1, attemptsLeft: 2, canStart: true });
  });
});
