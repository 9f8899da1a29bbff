import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lessonQuota } from "../../../domain/quiz/blueprint";
import { rankAmong } from "../../../domain/quiz/scoring";
import type { AttemptResponse } from "../../../domain/quiz/quiz.schema";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { sweepOverdueAttempts } from "./quiz.service";
import { completeLessons, seedPerson } from "../../test/seed";
import { keyOf, save, startAndLoad } from "./quiz.test-helpers";

/** Every key of every object in a JSON value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  return into;
}

describe.each(DIALECTS)("quiz attempts on %s", (dialect) => {
  let t: TestApp;
  let counter = 0;
  /** A signed-in person of unit 10507 who finished every lesson. */
  const ready = (name = `Người thi ${++counter}`, unitCode = "10507") => seedPerson(t, name, { unitCode, lessons: t.pack.lessons.length });

  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  it("stays locked until every lesson is completed, and says why", async () => {
    const me = await t.signIn("Chưa học xong", "staff", "10507");
    const before = (await t.app.inject({ method: "GET", url: "/api/quiz", headers: me.auth })).json();
    expect(before).toMatchObject({ canStart: false, reasons: ["lessons_incomplete"], lessons: { completed: 0, total: 14 }, attemptsLeft: 3, activeAttemptId: null });
    const refused = await t.app.inject({ method: "POST", url: "/api/quiz/attempts", headers: me.auth });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("QUIZ_LOCKED");

    const lessonIds = t.pack.lessons.map((l) => l.id);
    await completeLessons(t, me.user.id, { lessonIds: lessonIds.slice(0, 13) });
    expect((await t.app.inject({ method: "GET", url: "/api/quiz", headers: me.auth })).json()).toMatchObject({ canStart: false, lessons: { completed: 13 } });
    await completeLessons(t, me.user.id, { lessonIds: lessonIds.slice(13) });
    expect((await t.app.inject({ method: "GET", url: "/api/quiz", headers: me.auth })).json()).toMatchObject({ canStart: true, reasons: [], lessons: { completed: 14 } });
    expect((await t.app.inject({ method: "GET", url: "/api/quiz" })).statusCode).toBe(401);
  });

  it("freezes a 30-question paper that covers every lesson per the blueprint; a second start returns the same attempt", async () => {
    const me = await ready();
    const start = await t.app.inject({ method: "POST", url: "/api/quiz/attempts", headers: me.auth });
    expect(start.statusCode).toBe(200);
    const { attempt, resumed } = start.json();
    expect(resumed).toBe(false);
    expect(attempt).toMatchObject({ number: 1, status: "active", questionCount: 30, answeredCount: 0, finishedAt: null, score: null });
    expect(Date.parse(attempt.dueAt) - Date.parse(attempt.startedAt)).toBe(30 * 60_000);

    const paper: AttemptResponse = (await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${attempt.id}`, headers: me.auth })).json();
    expect(paper.questions.map((q) => q.number)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(paper.questions.map((q) => q.id)).size).toBe(30);
    const lessonOf = new Map(t.pack.questions.map((q) => [q.id, q.lessonId]));
    const perLesson = new Map<string, number>();
    for (const q of paper.questions) perLesson.set(lessonOf.get(q.id)!, (perLesson.get(lessonOf.get(q.id)!) ?? 0) + 1);
    expect(perLesson).toEqual(lessonQuota(t.pack.lessons.map((l) => l.id), 30));
    for (const q of paper.questions) expect(q.options.map((o) => o.id)).toEqual(["a", "b", "c", "d"]);
    expect(paper.serverNow).toBe(t.clock.now().toISOString());

    const again = await t.app.inject({ method: "POST", url: "/api/quiz/attempts", headers: me.auth });
    expect(again.json()).toMatchObject({ resumed: true, attempt: { id: attempt.id } });
    const [a, b] = await Promise.all([ready(), ready()]);
    const twoPapers = await Promise.all([startAndLoad(t, a!.auth), startAndLoad(t, b!.auth)]);
    expect(twoPapers[0]!.questions.map((q) => q.id)).not.toEqual(twoPapers[1]!.questions.map((q) => q.id));
  });

  it("gives one active attempt to two concurrent starts", async () => {
    const me = await ready();
    const starts = await Promise.all([1, 2, 3].map(() => t.app.inject({ method: "POST", url: "/api/quiz/attempts", headers: me.auth })));
    expect(starts.map((s) => s.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(starts.map((s) => s.json().attempt.id)).size).toBe(1);
    expect((await t.app.inject({ method: "GET", url: "/api/quiz/attempts", headers: me.auth })).json().attempts).toHaveLength(1);
  });

  it("never shows a right answer or an explanation to a taker before the review opens", async () => {
    const me = await ready();
    const bodies: unknown[] = [];
    const call = async (method: "GET" | "POST" | "PUT", url: string, payload?: object) => {
      const res = await t.app.inject({ method, url, headers: me.auth, ...(payload ? { payload } : {}) });
      bodies.push(res.json());
      return res;
    };
    await call("GET", "/api/quiz");
    const started = (await call("POST", "/api/quiz/attempts")).json();
    const id = started.attempt.id as string;
    const paper: AttemptResponse = (await call("GET", `/api/quiz/attempts/${id}`)).json();
    for (const [i, q] of paper.questions.entries()) await call("PUT", `/api/quiz/attempts/${id}/answers/${q.id}`, { optionId: i % 2 ? "a" : "b", seq: 1 });
    await call("POST", `/api/quiz/attempts/${id}/events`, { kind: "paused" });
    await call("GET", "/api/quiz/attempts");
    await call("GET", `/api/quiz/attempts/${id}`);
    const submitted = await call("POST", `/api/quiz/attempts/${id}/submit`);
    expect(submitted.statusCode).toBe(200);
    await call("GET", `/api/quiz/attempts/${id}`);
    await call("GET", "/api/quiz");
    const review = await call("GET", `/api/quiz/attempts/${id}/review`);
    expect(review.statusCode).toBe(403);
    expect(review.json().error.code).toBe("REVIEW_NOT_AVAILABLE");

    const keys = keysOf(bodies);
    for (const forbidden of ["correctOptionId", "correct", "explanation", "isCorrect", "key", "answerKey"]) expect(keys.has(forbidden)).toBe(false);
    const text = JSON.stringify(bodies);
    for (const q of paper.questions) expect(text).not.toContain(t.pack.questions.find((b) => b.id === q.id)!.explanation);

    // After Stage 1 closes the same person may review: right answer, explanation, lesson moment.
    const base = t.clock.now();
    t.clock.set(new Date(Date.parse(t.pack.stages[0]!.closesAt) + 1000));
    try {
      const open = await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${id}/review`, headers: me.auth });
      expect(open.statusCode).toBe(200);
      const item = open.json().items[0];
      const bank = t.pack.questions.find((b) => b.id === item.questionId)!;
      expect(item.explanation).toBe(bank.explanation);
      expect(item.lessonMomentSec).toBe(bank.lessonMomentSec);
      expect(item.lesson.id).toBe(bank.lessonId);
      expect(item.options.find((o: { id: string }) => o.id === item.correctOptionId).text).toBe(bank.options.find((o) => o.id === bank.correctOptionId)!.text);
      expect(open.json().items.filter((i: { correct: boolean }) => i.correct).length).toBe(submitted.json().result.correctCount);
    } finally {
      t.clock.set(base);
    }
  });

  it("saves answers idempotently and never lets a lower seq overwrite a higher one", async () => {
    const me = await ready();
    const paper = await startAndLoad(t, me.auth);
    const id = paper.attempt.id;
    const q = paper.questions[0]!.id;
    const first = await save(t, me.auth, id, q, "b", 5);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ answer: { questionId: q, optionId: "b", seq: 5 }, applied: true });
    expect((await save(t, me.auth, id, q, "c", 4)).json()).toEqual({ answer: { questionId: q, optionId: "b", seq: 5 }, applied: false });
    expect((await save(t, me.auth, id, q, "b", 5)).json()).toEqual({ answer: { questionId: q, optionId: "b", seq: 5 }, applied: false });
    expect((await save(t, me.auth, id, q, "a", 5)).json()).toEqual({ answer: { questionId: q, optionId: "b", seq: 5 }, applied: false });
    expect((await save(t, me.auth, id, q, "d", 6)).json()).toEqual({ answer: { questionId: q, optionId: "d", seq: 6 }, applied: true });
    const read: AttemptResponse = (await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${id}`, headers: me.auth })).json();
    expect(read.answers).toEqual([{ questionId: q, optionId: "d", seq: 6 }]);
    expect(read.attempt.answeredCount).toBe(1);

    const badOption = await save(t, me.auth, id, q, "f", 7);
    expect(badOption.statusCode).toBe(400);
    expect(badOption.json().error.code).toBe("OPTION_INVALID");
    const notOnPaper = t.pack.questions.find((b) => !paper.questions.some((p) => p.id === b.id))!.id;
    expect((await save(t, me.auth, id, notOnPaper, "a", 1)).json().error.code).toBe("QUESTION_NOT_IN_PAPER");
    const badSeq = await save(t, me.auth, id, q, "a", -1);
    expect(badSeq.statusCode).toBe(400);
    expect(badSeq.json().error.code).toBe("VALIDATION_FAILED");
  });

  it("lets nobody read or write another person's attempt", async () => {
    const owner = await ready();
    const other = await ready();
    const paper = await startAndLoad(t, owner.auth);
    const id = paper.attempt.id;
    const q = paper.questions[0]!.id;
    const tries = [
      t.app.inject({ method: "GET", url: `/api/quiz/attempts/${id}`, headers: other.auth }),
      save(t, other.auth, id, q, "a", 1),
      t.app.inject({ method: "POST", url: `/api/quiz/attempts/${id}/submit`, headers: other.auth }),
      t.app.inject({ method: "GET", url: `/api/quiz/attempts/${id}/review`, headers: other.auth }),
      t.app.inject({ method: "POST", url: `/api/quiz/attempts/${id}/events`, headers: other.auth, payload: { kind: "paused" } }),
    ];
    for (const res of await Promise.all(tries)) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("ATTEMPT_NOT_FOUND");
    }
    expect((await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${id}` })).statusCode).toBe(401);
    const mine = (await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${id}`, headers: owner.auth })).json();
    expect(mine.answers).toEqual([]);
    expect(mine.attempt.status).toBe("active");
  });

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

  it("logs focus changes while the attempt is open, without touching the score", async () => {
    const me = await ready();
    const paper = await startAndLoad(t, me.auth);
    const id = paper.attempt.id;
    for (const kind of ["paused", "resumed", "paused"]) {
      const res = await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${id}/events`, headers: me.auth, payload: { kind } });
      expect(res.json()).toEqual({ recorded: true });
    }
    const bad = await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${id}/events`, headers: me.auth, payload: { kind: "cheated" } });
    expect(bad.statusCode).toBe(400);
    const submitted = (await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${id}/submit`, headers: me.auth })).json();
    expect(submitted.result).toMatchObject({ score: 0, correctCount: 0 });
    const after = await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${id}/events`, headers: me.auth, payload: { kind: "resumed" } });
    expect(after.json()).toEqual({ recorded: false });
    const events = await t.app.ctx.db.selectFrom("quizFocusEvents").select(["kind"]).where("attemptId", "=", id).orderBy("at").execute();
    expect(events.map((e) => e.kind)).toEqual(["paused", "resumed", "paused"]);
  });

  it("documents every quiz route in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/quiz",
        "/api/quiz/attempts",
        "/api/quiz/attempts/{id}",
        "/api/quiz/attempts/{id}/answers/{questionId}",
        "/api/quiz/attempts/{id}/submit",
        "/api/quiz/attempts/{id}/review",
        "/api/quiz/attempts/{id}/events",
      ]),
    );
    expect(doc.paths["/api/quiz/attempts/{id}/answers/{questionId}"].put.tags).toEqual(["quiz"]);
  });

  it("caps dueAt at the close of Stage 1 and refuses to start once Stage 1 is over", async () => {
    const me = await ready();
    const closesAt = Date.parse(t.pack.stages[0]!.closesAt);
    const base = t.clock.now();
    try {
      t.clock.set(new Date(closesAt - 10 * 60_000));
      const paper = await startAndLoad(t, me.auth);
      expect(paper.attempt.dueAt).toBe(t.pack.stages[0]!.closesAt);
      await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${paper.attempt.id}/submit`, headers: me.auth });
      t.clock.set(new Date(closesAt + 1000));
      const late = await t.app.inject({ method: "POST", url: "/api/quiz/attempts", headers: me.auth });
      expect(late.statusCode).toBe(403);
      expect(late.json().error.code).toBe("STAGE_NOT_OPEN");
      expect((await t.app.inject({ method: "GET", url: "/api/quiz", headers: me.auth })).json().reasons).toEqual(["stage_closed"]);
    } finally {
      t.clock.set(base);
    }
  });
});
