import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttemptResponse } from "../../../domain/quiz/quiz.schema";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { type Auth, keyOf, readyTaker, save, startAndLoad } from "./quiz.test-helpers";

type Item = { questionId: string; optionId: string; seq: number };

/** POST /api/quiz/attempts/:id/answers — the phone's backlog at once, each answer as if sent alone. */
describe.each(DIALECTS)("saving several answers at once on %s", (dialect) => {
  let t: TestApp;
  const saveMany = (auth: Auth, id: string, answers: Item[]) => t.app.inject({ method: "POST", url: `/api/quiz/attempts/${id}/answers`, headers: auth, payload: { answers } });
  const read = async (auth: Auth, id: string): Promise<AttemptResponse> => (await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${id}`, headers: auth })).json();

  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  it("saves each answer with the one-answer rules and says per answer what the server holds", async () => {
    const me = await readyTaker(t);
    const paper = await startAndLoad(t, me.auth);
    const id = paper.attempt.id;
    const [q1, q2, q3] = paper.questions.map((q) => q.id);
    await save(t, me.auth, id, q2!, "c", 9);
    const notOnPaper = t.pack.questions.find((b) => !paper.questions.some((p) => p.id === b.id))!.id;
    const res = await saveMany(me.auth, id, [
      { questionId: q1!, optionId: "b", seq: 3 },
      // Older than what is stored: kept, not applied.
      { questionId: q2!, optionId: "a", seq: 4 },
      { questionId: q3!, optionId: "f", seq: 5 },
      { questionId: notOnPaper, optionId: "a", seq: 6 },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toEqual([
      { ok: true, questionId: q1, answer: { questionId: q1, optionId: "b", seq: 3 }, applied: true },
      { ok: true, questionId: q2, answer: { questionId: q2, optionId: "c", seq: 9 }, applied: false },
      { ok: false, questionId: q3, code: "OPTION_INVALID" },
      { ok: false, questionId: notOnPaper, code: "QUESTION_NOT_IN_PAPER" },
    ]);
    // A retry of the same batch changes nothing.
    expect((await saveMany(me.auth, id, [{ questionId: q1!, optionId: "b", seq: 3 }])).json().results[0]).toMatchObject({ ok: true, applied: false });
    expect((await read(me.auth, id)).answers.sort((a, b) => a.seq - b.seq)).toEqual([
      { questionId: q1, optionId: "b", seq: 3 },
      { questionId: q2, optionId: "c", seq: 9 },
    ]);
  });

  it("is scored from what it saved", async () => {
    const me = await readyTaker(t);
    const paper = await startAndLoad(t, me.auth);
    const id = paper.attempt.id;
    const answers = paper.questions.map((q, i) => ({ questionId: q.id, optionId: i < 20 ? keyOf(t, q).right : keyOf(t, q).wrong, seq: i + 1 }));
    const res = await saveMany(me.auth, id, answers);
    expect(res.json().results.every((r: { ok: boolean; applied: boolean }) => r.ok && r.applied)).toBe(true);
    const submitted = (await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${id}/submit`, headers: me.auth })).json();
    expect(submitted.result).toMatchObject({ correctCount: 20, questionCount: 30 });
  });

  it("refuses another person's attempt as a whole, and a closed attempt per answer", async () => {
    const owner = await readyTaker(t);
    const other = await readyTaker(t);
    const paper = await startAndLoad(t, owner.auth);
    const id = paper.attempt.id;
    const [q1, q2] = paper.questions.map((q) => q.id);
    const stolen = await saveMany(other.auth, id, [{ questionId: q1!, optionId: "a", seq: 1 }]);
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.code).toBe("ATTEMPT_NOT_FOUND");
    expect((await saveMany({ authorization: "Bearer nope" }, id, [{ questionId: q1!, optionId: "a", seq: 1 }])).statusCode).toBe(401);
    expect((await read(owner.auth, id)).answers).toEqual([]);

    await saveMany(owner.auth, id, [{ questionId: q1!, optionId: "a", seq: 1 }]);
    await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${id}/submit`, headers: owner.auth });
    // After the close: the acknowledged one is acknowledged again, the new one is refused.
    const late = await saveMany(owner.auth, id, [
      { questionId: q1!, optionId: "a", seq: 1 },
      { questionId: q2!, optionId: "b", seq: 2 },
    ]);
    expect(late.json().results).toEqual([
      { ok: true, questionId: q1, answer: { questionId: q1, optionId: "a", seq: 1 }, applied: false },
      { ok: false, questionId: q2, code: "ATTEMPT_CLOSED" },
    ]);
  });

  it("refuses a malformed batch with a 400 naming the problem", async () => {
    const me = await readyTaker(t);
    const paper = await startAndLoad(t, me.auth);
    const id = paper.attempt.id;
    const q = paper.questions[0]!.id;
    for (const answers of [[], [{ questionId: q, optionId: "a", seq: 1 }, { questionId: q, optionId: "b", seq: 2 }], [{ questionId: q, optionId: "a", seq: -1 }]]) {
      const res = await saveMany(me.auth, id, answers);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION_FAILED");
    }
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ questionId: `q${i}`, optionId: "a", seq: i + 1 }));
    expect((await saveMany(me.auth, id, tooMany)).statusCode).toBe(400);
    expect((await read(me.auth, id)).answers).toEqual([]);
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
    expect(doc.paths["/api/quiz/attempts/{id}/answers"].post.tags).toEqual(["quiz"]);
  });
});
