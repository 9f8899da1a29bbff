import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttemptResponse } from "../../../domain/quiz/quiz.schema";
import { seedPerson } from "../../test/seed";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { save, startAndLoad } from "./quiz.test-helpers";

/** PostgreSQL's answer saves at the deadline: many at once, one statement for those that arrive together (ADR 0010). */
describe("answer saves batched into one statement on postgres", () => {
  let t: TestApp;
  let n = 0;
  const taker = async () => {
    const who = await seedPerson(t, `Người thi ${++n}`, { unitCode: "10507", lessons: t.pack.lessons.length });
    return { auth: who.auth, paper: await startAndLoad(t, who.auth) };
  };
  const read = async (auth: { authorization: string }, id: string): Promise<AttemptResponse> =>
    (await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${id}`, headers: auth })).json();

  beforeAll(async () => {
    t = await buildTestApp("postgres");
  });
  afterAll(() => t.close());

  it("acknowledges and stores every save of a burst, in fewer statements than saves", async () => {
    const people = await Promise.all([1, 2, 3, 4].map(() => taker()));
    const sends = people.flatMap((p) => p.paper.questions.slice(0, 15).map((q) => ({ p, q: q.id, option: q.options[1]!.id })));
    const res = await Promise.all(sends.map((s) => save(t, s.p.auth, s.p.paper.attempt.id, s.q, s.option, 1)));
    expect(res.map((r) => r.statusCode)).toEqual(sends.map(() => 200));
    expect(res.every((r) => r.json().applied === true)).toBe(true);
    expect(t.app.ctx.caches.quiz.saves!.statements).toBeLessThan(sends.length);
    for (const p of people) {
      const stored = (await read(p.auth, p.paper.attempt.id)).answers;
      expect(stored).toHaveLength(15);
      expect(stored.every((a) => a.seq === 1 && a.optionId === p.paper.questions.find((q) => q.id === a.questionId)!.options[1]!.id)).toBe(true);
    }
  });

  it("keeps the highest seq when one question is saved several times at once, and answers each copy", async () => {
    const { auth, paper } = await taker();
    const q = paper.questions[0]!;
    const seqs = [3, 1, 5, 2, 4, 5];
    const res = await Promise.all(seqs.map((seq) => save(t, auth, paper.attempt.id, q.id, q.options[seq % 4]!.id, seq)));
    expect(res.map((r) => r.statusCode)).toEqual(seqs.map(() => 200));
    const five = q.options[5 % 4]!.id;
    // Every answer is the stored one or the copy's own (acknowledged before a higher one landed).
    for (const [i, r] of res.entries()) expect(r.json().answer.seq).toBeGreaterThanOrEqual(seqs[i]!);
    expect((await read(auth, paper.attempt.id)).answers).toEqual([{ questionId: q.id, optionId: five, seq: 5 }]);
  });

  it("fails only the saves at fault when a burst mixes good and bad ones", async () => {
    const a = await taker();
    const b = await taker();
    const notOnPaper = t.pack.questions.find((bq) => !a.paper.questions.some((p) => p.id === bq.id))!.id;
    const [good, stranger, offPaper, good2] = await Promise.all([
      save(t, a.auth, a.paper.attempt.id, a.paper.questions[0]!.id, "a", 1),
      save(t, b.auth, a.paper.attempt.id, a.paper.questions[1]!.id, "a", 1),
      save(t, a.auth, a.paper.attempt.id, notOnPaper, "a", 1),
      save(t, b.auth, b.paper.attempt.id, b.paper.questions[0]!.id, "b", 1),
    ]);
    expect([good!.statusCode, stranger!.statusCode, offPaper!.statusCode, good2!.statusCode]).toEqual([200, 404, 400, 200]);
    expect(stranger!.json().error.code).toBe("ATTEMPT_NOT_FOUND");
    expect(offPaper!.json().error.code).toBe("QUESTION_NOT_IN_PAPER");
    expect((await read(a.auth, a.paper.attempt.id)).answers).toEqual([{ questionId: a.paper.questions[0]!.id, optionId: "a", seq: 1 }]);
    expect((await read(b.auth, b.paper.attempt.id)).answers).toEqual([{ questionId: b.paper.questions[0]!.id, optionId: "b", seq: 1 }]);
  });
});
