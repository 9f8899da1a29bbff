import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FocusEventsResponse, MyOverridesResponse, OverrideResponse } from "../../../domain/quiz/overrides.schema";
import type { QuizStatusResponse } from "../../../domain/quiz/quiz.schema";
import type { LeaderboardResponse } from "../../../domain/ranking/ranking.schema";
import { listAudit } from "../../shared/audit";
import { DIALECTS } from "../../test/dialects";
import { completeLessons } from "../../test/seed";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { uploadRoster, verifyPhone } from "../units/units.test-helpers";
import { keyOf, save, startAndLoad, type Auth } from "./quiz.test-helpers";

const UNIT = "10507";
type Session = Awaited<ReturnType<TestApp["signIn"]>>;

describe.each(DIALECTS)("organisers' overrides of one person's test on %s", (dialect) => {
  let t: TestApp;
  let org: Session;
  let n = 0;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { pack: (p) => ({ ...p, ranking: { ...p.ranking, liveCacheSeconds: 0 } }) });
    org = await t.signIn("Ban Tổ Chức", "organizer");
    const rows = Array.from({ length: 9 }, (_, i) => `Người ${i + 1},091200000${i + 1}`).join("\n");
    expect((await uploadRoster(t, org.auth, UNIT, "r.csv", `Họ và tên,Số điện thoại\n${rows}\n`)).statusCode).toBe(200);
  });
  afterAll(() => t?.close());

  /** A person on the unit's roster who finished every lesson. */
  async function candidate(): Promise<Session> {
    const s = await t.signIn(`Người ${++n}`, "staff", UNIT);
    await verifyPhone(t, s.auth, `091200000${n}`);
    await completeLessons(t, s.user.id);
    return s;
  }
  /** Start an attempt, answer `right` questions correctly, submit; returns the attempt id. */
  async function takeTest(auth: Auth, right: number): Promise<string> {
    const a = await startAndLoad(t, auth);
    for (const [i, q] of a.questions.entries()) {
      const k = keyOf(t, q);
      expect((await save(t, auth, a.attempt.id, q.id, i < right ? k.right : k.wrong, 1)).statusCode).toBe(200);
    }
    expect((await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${a.attempt.id}/submit`, headers: auth })).statusCode).toBe(200);
    return a.attempt.id;
  }
  const status = async (auth: Auth) => (await t.app.inject({ method: "GET", url: "/api/quiz", headers: auth })).json() as QuizStatusResponse;
  const unitRow = async () => {
    const lb = (await t.app.inject({ method: "GET", url: "/api/leaderboard?board=commune", headers: org.auth })).json() as LeaderboardResponse;
    return lb.rows.find((r) => r.unitCode === UNIT)!;
  };
  const post = (url: string, payload: object, auth: Auth = org.auth) => t.app.inject({ method: "POST", url, headers: auth, payload });
  const itemN = async () => {
    const r = await t.app.inject({ method: "GET", url: "/api/quiz/item-analysis?attempts=all", headers: org.auth });
    return (r.json() as { test: { attempts: number } }).test.attempts;
  };

  it("voids an attempt: gone from the person's score, the unit's ranking and the item analysis at once; audited and shown to the person", async () => {
    const p = await candidate();
    const other = await candidate();
    const id = await takeTest(p.auth, 24);
    await takeTest(other.auth, 15);
    expect(await unitRow()).toMatchObject({ participants: 2, meanScore: 65 });
    const itemsBefore = await itemN();

    expect((await post(`/api/quiz/overrides/attempts/${id}/void`, { reason: "ngắn" })).statusCode).toBe(400);
    expect((await post(`/api/quiz/overrides/attempts/${id}/void`, { reason: "Gian lận đã xác minh" }, p.auth)).statusCode).toBe(403);
    const res = await post(`/api/quiz/overrides/attempts/${id}/void`, { reason: "Gian lận đã xác minh qua camera" });
    expect(res.statusCode).toBe(200);
    const body = res.json() as OverrideResponse;
    expect(body.attempt).toMatchObject({ id, status: "void", finishedAt: null });
    expect(body.override).toMatchObject({ kind: "void", attemptNumber: 1, reason: "Gian lận đã xác minh qua camera" });

    expect(await unitRow()).toMatchObject({ participants: 1, meanScore: 50 });
    expect(await itemN()).toBe(itemsBefore - 1);
    const mine = await status(p.auth);
    expect(mine).toMatchObject({ countedScore: null, rank: null, attemptsUsed: 1 });
    expect(mine.attempts[0]).toMatchObject({ status: "void" });
    const notices = (await t.app.inject({ method: "GET", url: "/api/quiz/notices", headers: p.auth })).json() as MyOverridesResponse;
    expect(notices.notices).toEqual([expect.objectContaining({ kind: "void", attemptNumber: 1, reason: "Gian lận đã xác minh qua camera" })]);
    expect(((await t.app.inject({ method: "GET", url: "/api/quiz/notices", headers: other.auth })).json() as MyOverridesResponse).notices).toEqual([]);
    const audit = await listAudit(t.app.ctx.db, 5);
    expect(audit[0]).toMatchObject({ action: "quiz.void", subject: p.user.id, details: expect.objectContaining({ attemptId: id, reason: "Gian lận đã xác minh qua camera", previous: expect.objectContaining({ status: "submitted", score: 80 }) }) });
    expect((await post(`/api/quiz/overrides/attempts/${id}/void`, { reason: "Lần nữa cho chắc" })).json().error.code).toBe("OVERRIDE_NOT_APPLICABLE");
  });

  it("adds time to an active attempt only", async () => {
    const p = await candidate();
    const a = await startAndLoad(t, p.auth);
    const res = await post(`/api/quiz/overrides/attempts/${a.attempt.id}/time`, { minutes: 15, reason: "Mất điện 15 phút tại trụ sở" });
    expect(res.statusCode).toBe(200);
    expect(Date.parse((res.json() as OverrideResponse).attempt!.dueAt) - Date.parse(a.attempt.dueAt)).toBe(15 * 60_000);
    // The person's own clock sees it: answers are accepted past the old deadline.
    t.clock.advance(40 * 60_000);
    const q = a.questions[0]!;
    expect((await save(t, p.auth, a.attempt.id, q.id, keyOf(t, q).right, 1)).statusCode).toBe(200);
    expect((await listAudit(t.app.ctx.db, 1))[0]).toMatchObject({ action: "quiz.extra_time", subject: p.user.id, details: expect.objectContaining({ minutes: 15 }) });
    await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${a.attempt.id}/submit`, headers: p.auth });
    const refused = await post(`/api/quiz/overrides/attempts/${a.attempt.id}/time`, { minutes: 5, reason: "Đã nộp rồi mà vẫn xin" });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, "OVERRIDE_NOT_APPLICABLE"]);
    expect((await post(`/api/quiz/overrides/attempts/${a.attempt.id}/time`, { minutes: 500, reason: "Quá nhiều phút" })).statusCode).toBe(400);
  });

  it("reopens an attempt that expired through an outage, with a new due time; it is scored again when it closes", async () => {
    const p = await candidate();
    const a = await startAndLoad(t, p.auth);
    const q = a.questions[0]!;
    await save(t, p.auth, a.attempt.id, q.id, keyOf(t, q).right, 1);
    t.clock.advance(31 * 60_000 + t.pack.quiz.graceSeconds * 1000);
    expect((await status(p.auth)).attempts[0]).toMatchObject({ status: "expired", correctCount: 1 });
    const participantsBefore = (await unitRow()).participants;

    const submittedId = (await post(`/api/quiz/overrides/attempts/${a.attempt.id}/reopen`, { minutes: 20, reason: "Mất mạng toàn phường, có xác nhận" })).json() as OverrideResponse;
    expect(submittedId.attempt).toMatchObject({ status: "active", finishedAt: null, score: null, dueAt: new Date(t.clock.now().getTime() + 20 * 60_000).toISOString() });
    expect((await unitRow()).participants).toBe(participantsBefore - 1);
    expect((await status(p.auth)).activeAttemptId).toBe(a.attempt.id);
    const q2 = a.questions[1]!;
    expect((await save(t, p.auth, a.attempt.id, q2.id, keyOf(t, q2).right, 1)).statusCode).toBe(200);
    const done = await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${a.attempt.id}/submit`, headers: p.auth });
    expect(done.json().attempt).toMatchObject({ status: "submitted", correctCount: 2 });
    expect((await unitRow()).participants).toBe(participantsBefore);
    // Only an expired attempt can be reopened.
    expect((await post(`/api/quiz/overrides/attempts/${a.attempt.id}/reopen`, { minutes: 20, reason: "Lại mất mạng lần nữa" })).json().error.code).toBe("OVERRIDE_NOT_APPLICABLE");
    expect((await listAudit(t.app.ctx.db, 3)).map((e) => e.action)).toContain("quiz.reopen");
  });

  it("grants one extra attempt beyond the pack's limit", async () => {
    const p = await candidate();
    for (let i = 0; i < t.pack.quiz.attemptsAllowed; i++) {
      await takeTest(p.auth, 10);
      t.clock.advance((t.pack.quiz.cooldownMinutes + 1) * 60_000);
    }
    expect(await status(p.auth)).toMatchObject({ canStart: false, reasons: ["no_attempts_left"], attemptsLeft: 0 });
    const res = await post(`/api/quiz/overrides/people/${p.user.id}/extra-attempt`, { reason: "Đổi máy giữa chừng, BTC đồng ý" });
    expect(res.statusCode).toBe(200);
    expect(await status(p.auth)).toMatchObject({ canStart: true, attemptsLeft: 1, rules: { attemptsAllowed: t.pack.quiz.attemptsAllowed + 1 } });
    expect((await t.app.inject({ method: "POST", url: "/api/quiz/attempts", headers: p.auth })).json().attempt.number).toBe(t.pack.quiz.attemptsAllowed + 1);
    expect((await post(`/api/quiz/overrides/people/nobody/extra-attempt`, { reason: "Không có người này" })).json().error.code).toBe("PERSON_NOT_FOUND");
  });

  it("shows organisers an attempt's focus events, labelled advisory; nobody else", async () => {
    const p = await candidate();
    const a = await startAndLoad(t, p.auth);
    for (const kind of ["paused", "resumed", "paused", "resumed"] as const) {
      await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${a.attempt.id}/events`, headers: p.auth, payload: { kind } });
      t.clock.advance(30_000);
    }
    const res = await t.app.inject({ method: "GET", url: `/api/quiz/overrides/attempts/${a.attempt.id}/focus-events`, headers: org.auth });
    const body = res.json() as FocusEventsResponse;
    expect(body).toMatchObject({ advisory: true, pausedCount: 2, awaySeconds: 60 });
    expect(body.note).toMatch(/tham khảo/);
    expect(body.events.map((e) => e.kind)).toEqual(["paused", "resumed", "paused", "resumed"]);
    expect((await t.app.inject({ method: "GET", url: `/api/quiz/overrides/attempts/${a.attempt.id}/focus-events`, headers: p.auth })).statusCode).toBe(403);
  });
});
