import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import type { AppContext } from "../../app-context";
import { buildTestApp, demoPack, type TestApp } from "../../test/test-app";
import quizRoutes from "./quiz.routes";
import { completeLessons } from "../../test/seed";
import { keyOf, save, startAndLoad } from "./quiz.test-helpers";

describe.each(DIALECTS)("quiz rules from the pack on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { pack: (p) => ({ ...p, quiz: { ...p.quiz, questionCount: 5, attemptsAllowed: 2, cooldownMinutes: 10, review: "after_submit", countedAttempt: "last" } }) });
  });
  afterAll(() => t.close());

  it("applies the attempt limit, the cooldown, a short paper and review right after submit", async () => {
    const me = await t.signIn("Người thi lại", "staff", "10507");
    await completeLessons(t, me.user.id);
    const first = await startAndLoad(t, me.auth);
    expect(first.questions).toHaveLength(5);
    expect(new Set(first.questions.map((q) => t.pack.questions.find((b) => b.id === q.id)!.lessonId)).size).toBe(5);
    for (const q of first.questions) await save(t, me.auth, first.attempt.id, q.id, keyOf(t, q).right, 1);
    const done = (await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${first.attempt.id}/submit`, headers: me.auth })).json();
    expect(done.result).toMatchObject({ score: 100, correctCount: 5 });
    expect(done.attempt.reviewOpensAt).toBe(done.attempt.finishedAt);
    const review = await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${first.attempt.id}/review`, headers: me.auth });
    expect(review.statusCode).toBe(200);
    expect(review.json().items.every((i: { correct: boolean }) => i.correct)).toBe(true);

    const cooling = await t.app.inject({ method: "POST", url: "/api/quiz/attempts", headers: me.auth });
    expect(cooling.statusCode).toBe(409);
    expect(cooling.json().error.code).toBe("ATTEMPT_COOLDOWN");
    const status = (await t.app.inject({ method: "GET", url: "/api/quiz", headers: me.auth })).json();
    expect(status).toMatchObject({ canStart: false, reasons: ["cooldown"], attemptsLeft: 1 });
    expect(Date.parse(status.nextAttemptAt) - Date.parse(done.attempt.finishedAt)).toBe(10 * 60_000);

    t.clock.advance(11 * 60_000);
    const second = await startAndLoad(t, me.auth);
    expect(second.attempt.number).toBe(2);
    await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${second.attempt.id}/submit`, headers: me.auth });
    t.clock.advance(11 * 60_000);
    const limit = await t.app.inject({ method: "POST", url: "/api/quiz/attempts", headers: me.auth });
    expect(limit.statusCode).toBe(409);
    expect(limit.json().error.code).toBe("ATTEMPT_LIMIT_REACHED");
    // This pack counts the last attempt (0), not the best (100): a colleague with one right answer ranks above.
    const colleague = await t.signIn("Đồng nghiệp", "staff", "10507");
    await completeLessons(t, colleague.user.id);
    const theirs = await startAndLoad(t, colleague.auth);
    await save(t, colleague.auth, theirs.attempt.id, theirs.questions[0]!.id, keyOf(t, theirs.questions[0]!).right, 1);
    await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${theirs.attempt.id}/submit`, headers: colleague.auth });
    const final = (await t.app.inject({ method: "GET", url: "/api/quiz", headers: me.auth })).json();
    expect(final).toMatchObject({ countedScore: 0, attemptsLeft: 0, reasons: ["no_attempts_left"], rank: { position: 2, of: 2 } });
  });
});

describe("quiz start-up checks", () => {
  it("refuses to boot with a blueprint the bank cannot satisfy, naming the lesson", async () => {
    const pack = demoPack(new Date());
    const app = Fastify();
    app.decorate("ctx", { pack: { ...pack, quiz: { ...pack.quiz, perLesson: { "bai-01": 30 } } } } as unknown as AppContext);
    await expect(app.register(quizRoutes).ready()).rejects.toThrow(/bài "bai-01": đề cần 30 câu nhưng ngân hàng chỉ có 12/);
    await app.close();
  });
});
