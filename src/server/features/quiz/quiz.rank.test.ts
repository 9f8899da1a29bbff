import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rankAmong } from "../../../domain/quiz/scoring";
import { DIALECTS } from "../../test/dialects";
import { seedPerson } from "../../test/seed";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { sweepOverdueAttempts } from "./quiz.service";
import { type Auth, keyOf, save, startAndLoad } from "./quiz.test-helpers";

/**
 * The rank within the unit is no longer computed over the whole unit on every submit (a cached,
 * sorted list of the unit's counted scores, see unit-rank.ts): it must still be exactly the rank
 * computed from scratch, for whoever finished first and whoever finished last.
 */
describe.each(DIALECTS)("rank within the unit on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  const ready = (name: string, unitCode: string) => seedPerson(t, name, { unitCode, lessons: t.pack.lessons.length });
  const status = async (auth: Auth) => (await t.app.inject({ method: "GET", url: "/api/quiz", headers: auth })).json();

  /** Start an attempt and answer `right` questions correctly; returns its id. */
  async function answer(auth: Auth, right: number): Promise<string> {
    const paper = await startAndLoad(t, auth);
    for (const q of paper.questions.slice(0, right)) expect((await save(t, auth, paper.attempt.id, q.id, keyOf(t, q).right, 1)).statusCode).toBe(200);
    return paper.attempt.id;
  }
  const submit = async (auth: Auth, id: string) => (await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${id}/submit`, headers: auth })).json();

  it("a later finisher's rank and every earlier finisher's stay right — after submits, a tie, and the sweeper's close", async () => {
    const unit = "10532";
    const first = await ready("Về trước", unit);
    const r1 = await submit(first.auth, await answer(first.auth, 10));
    expect(r1.result.rank).toMatchObject({ position: 1, of: 1, unitCode: unit });

    // A colleague in another unit never counts.
    const elsewhere = await ready("Đơn vị khác", "10507");
    await submit(elsewhere.auth, await answer(elsewhere.auth, 30));

    const second = await ready("Về sau, điểm cao hơn", unit);
    const r2 = await submit(second.auth, await answer(second.auth, 20));
    expect(r2.result.rank).toMatchObject({ position: 1, of: 2 });
    // The earlier finisher has moved down, without having done anything.
    expect((await status(first.auth)).rank).toMatchObject({ position: 2, of: 2 });

    const tie = await ready("Bằng điểm", unit);
    const r3 = await submit(tie.auth, await answer(tie.auth, 20));
    expect(r3.result.rank).toMatchObject({ position: 1, of: 3 });

    // Nobody submits this one: the sweeper closes it after its time, with the best score of the unit.
    const swept = await ready("Hết giờ", unit);
    const sweptId = await answer(swept.auth, 25);
    t.clock.advance((t.pack.quiz.timeLimitMinutes * 60 + t.pack.quiz.graceSeconds + 60) * 1000);
    expect(await sweepOverdueAttempts(t.app.ctx)).toBeGreaterThanOrEqual(1);

    const people = [first, second, tie, swept];
    const ranks = await Promise.all(people.map(async (p) => (await status(p.auth)).rank));
    const scores = await Promise.all(people.map(async (p) => (await status(p.auth)).countedScore as number));
    expect(ranks.map((r) => r.position)).toEqual(scores.map((s) => rankAmong(s, scores).position));
    expect(ranks.map((r) => [r.position, r.of])).toEqual([
      [4, 4],
      [2, 4],
      [2, 4],
      [1, 4],
    ]);
    // The result page of an earlier attempt shows the same, current rank.
    const page = (await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${sweptId}`, headers: swept.auth })).json();
    expect(page.result.rank).toMatchObject({ position: 1, of: 4 });

    // A second attempt with a better score: the counted score follows the pack's rule, and so does the rank.
    t.clock.advance(t.pack.quiz.cooldownMinutes * 60_000 + 1000);
    const again = await submit(first.auth, await answer(first.auth, 30));
    const counted = (await status(first.auth)).countedScore as number;
    const all = [counted, ...scores.slice(1)];
    expect(again.result.rank.position).toBe(rankAmong(counted, all).position);
    expect((await status(swept.auth)).rank.position).toBe(rankAmong(scores[3]!, all).position);
  });
});
