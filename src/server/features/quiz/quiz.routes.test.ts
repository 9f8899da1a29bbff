import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lessonQuota } from "../../../domain/quiz/blueprint";
import type { AttemptResponse } from "../../../domain/quiz/quiz.schema";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { completeLessons } from "../../test/seed";
import { readyTaker, save, startAndLoad } from "./quiz.test-helpers";

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
  const ready = (name?: string, unitCode?: string) => readyTaker(t, name, unitCode);

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
