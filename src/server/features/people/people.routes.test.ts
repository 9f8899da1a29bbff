import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MergeResponse, PeopleSearchResponse, PersonDetail } from "../../../domain/people/people.schema";
import type { LeaderboardResponse } from "../../../domain/ranking/ranking.schema";
import { listAudit } from "../../shared/audit";
import { DIALECTS } from "../../test/dialects";
import { completeLessons, factsDb, finishAttempt } from "../../test/seed";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { uploadRoster, verifyPhone } from "../units/units.test-helpers";

const A = "10507";
const B = "10525";
type Session = Awaited<ReturnType<TestApp["signIn"]>>;
type Auth = { authorization: string };

describe.each(DIALECTS)("people: search, a person's page, roles, merge on %s", (dialect) => {
  let t: TestApp;
  let org: Session;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { pack: (p) => ({ ...p, ranking: { ...p.ranking, liveCacheSeconds: 0 } }) });
    org = await t.signIn("Ban Tổ Chức", "organizer");
    await uploadRoster(t, org.auth, A, "a.csv", "Họ và tên,Số điện thoại\nTrần Thị Gộp,0913000001\nLê Văn Khớp,0913000002\nPhạm Thị Ba,0913000003\n");
  });
  afterAll(() => t?.close());

  const get = <T>(url: string, auth: Auth = org.auth) => t.app.inject({ method: "GET", url, headers: auth }).then((r) => ({ status: r.statusCode, body: r.json() as T }));
  const post = (url: string, payload: object, auth: Auth = org.auth) => t.app.inject({ method: "POST", url, headers: auth, payload });
  const unitRow = async (code: string) => (await get<LeaderboardResponse>("/api/leaderboard?board=commune")).body.rows.find((r) => r.unitCode === code)!;
  const count = async (table: "quizAttempts" | "lessonProgress" | "reminderOutbox") => Number((await factsDb(t).selectFrom(table).select((e) => e.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  it("finds people by name (any part, any case), by the first digits of a phone, and by unit; organisers only", async () => {
    const s = await t.signIn("Nguyễn Văn Tìm Kiếm", "staff", B);
    await verifyPhone(t, s.auth, "0987654321");
    const byName = await get<PeopleSearchResponse>(`/api/people?q=${encodeURIComponent("văn tìm")}`);
    expect(byName.body.people.map((p) => p.id)).toEqual([s.user.id]);
    expect(byName.body.people[0]).toMatchObject({ unitCode: B, unitName: expect.any(String), phone: "0987654321" });
    expect((await get<PeopleSearchResponse>("/api/people?q=0987 65")).body.people.map((p) => p.id)).toEqual([s.user.id]);
    expect((await get<PeopleSearchResponse>("/api/people?q=84987654")).body.people.map((p) => p.id)).toEqual([s.user.id]);
    expect((await get<PeopleSearchResponse>(`/api/people?unitCode=${B}`)).body.people.map((p) => p.id)).toContain(s.user.id);
    expect((await get<PeopleSearchResponse>(`/api/people?unitCode=${A}&q=${encodeURIComponent("Tìm Kiếm")}`)).body.people).toEqual([]);
    expect((await get<PeopleSearchResponse>("/api/people?q=100%25")).body.people).toEqual([]);
    expect((await get("/api/people?q=ai", s.auth)).status).toBe(403);
  });

  it("shows a person's progress, attempts, roster row, role and sessions", async () => {
    const s = await t.signIn("Phạm Thị Ba", "staff", A);
    await verifyPhone(t, s.auth, "0913000003");
    await completeLessons(t, s.user.id, { count: 5 });
    await finishAttempt(t, s.user.id, { score: 70, startedAt: t.clock.now() });
    const { status, body } = await get<PersonDetail>(`/api/people/${s.user.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      person: { id: s.user.id, role: "staff", unitCode: A, phone: "0913000003", mergedInto: null },
      progress: { lessonsDone: 5, lessonsTotal: t.pack.lessons.length, testDone: true, countedScore: 70 },
      roster: { unitCode: A, fullName: "Phạm Thị Ba" },
      sessions: { signIn: "demo" },
      mergedFrom: [],
    });
    expect(body.test.attempts).toEqual([expect.objectContaining({ status: "submitted", score: 70 })]);
    expect((await get(`/api/people/nobody`)).body).toMatchObject({ error: { code: "PERSON_NOT_FOUND" } });
  });

  it("grants and revokes roles with a reason, audited; the organiser role only by an organiser; never one's own", async () => {
    const s = await t.signIn("Người Được Giao", "staff", A);
    const colleague = await t.signIn("Đồng Nghiệp", "staff", A);
    const elsewhere = await t.signIn("Người Phường Khác", "staff", B);
    const lead = await post(`/api/people/${s.user.id}/role`, { role: "unit_lead", unitCode: A, reason: "Chủ tịch phường giao" });
    expect(lead.statusCode).toBe(200);
    expect((lead.json() as PersonDetail).person).toMatchObject({ role: "unit_lead", unitCode: A });
    expect((await listAudit(t.app.ctx.db, 1))[0]).toMatchObject({ action: "people.role_granted", subject: s.user.id, details: { from: "staff", to: "unit_lead", unitCode: A, reason: "Chủ tịch phường giao" } });
    expect((await post(`/api/people/${s.user.id}/role`, { role: "unit_lead", reason: "x" })).statusCode).toBe(400);

    // A unit lead: a colleague of their own unit may become a lead; nothing else, and not their own role.
    const leadA = await t.signIn("Trưởng Phường A", "unit_lead", A);
    expect((await post(`/api/people/${colleague.user.id}/role`, { role: "unit_lead", reason: "Phó trưởng đơn vị" }, leadA.auth)).json().person.role).toBe("unit_lead");
    expect((await post(`/api/people/${colleague.user.id}/role`, { role: "organizer", reason: "Tự nâng quyền cho nhau" }, leadA.auth)).statusCode).toBe(403);
    expect((await post(`/api/people/${colleague.user.id}/role`, { role: "judge", reason: "Tự nâng quyền cho nhau" }, leadA.auth)).statusCode).toBe(403);
    expect((await post(`/api/people/${elsewhere.user.id}/role`, { role: "unit_lead", reason: "Không phải đơn vị mình" }, leadA.auth)).statusCode).toBe(403);
    expect((await post(`/api/people/${leadA.user.id}/role`, { role: "staff", reason: "Tự thôi chức của mình" }, leadA.auth)).statusCode).toBe(403);
    expect((await post(`/api/people/${s.user.id}/role`, { role: "unit_lead", reason: "Nhân viên không có quyền" }, elsewhere.auth)).statusCode).toBe(403);

    // Organisers: judge, organiser, and back to staff (revoke); not their own role.
    expect((await post(`/api/people/${elsewhere.user.id}/role`, { role: "judge", reason: "Thành viên Ban giám khảo" })).json().person.role).toBe("judge");
    const second = await post(`/api/people/${elsewhere.user.id}/role`, { role: "organizer", reason: "Bổ sung Ban tổ chức" });
    expect(second.json().person.role).toBe("organizer");
    expect((await post(`/api/people/${org.user.id}/role`, { role: "staff", reason: "Tự bỏ quyền của mình" })).statusCode).toBe(403);
    const revoked = await post(`/api/people/${s.user.id}/role`, { role: "staff", reason: "Hết nhiệm kỳ" });
    expect(revoked.json().person.role).toBe("staff");
    expect((await listAudit(t.app.ctx.db, 1))[0]).toMatchObject({ action: "people.role_revoked", details: { from: "unit_lead", to: "staff", reason: "Hết nhiệm kỳ" } });
  });

  it("binds a lead granted here to the unit (as every unit-scoped route checks); an unbound lead sets no roles", async () => {
    const x = await t.signIn("Người Mới Làm Trưởng", "staff", A);
    expect((await get(`/api/units/${A}/dashboard`, x.auth)).status).toBe(403);
    expect((await post(`/api/people/${x.user.id}/role`, { role: "unit_lead", reason: "Chủ tịch phường giao" })).statusCode).toBe(200);
    expect((await get(`/api/units/${A}/dashboard`, x.auth)).status).toBe(200);
    // A lead of B who now works in A (not bound to A) must not hand out A's lead role.
    const moved = await t.signIn("Trưởng Cũ Phường B", "unit_lead", B);
    await t.app.ctx.db.updateTable("users").set({ unitCode: A }).where("id", "=", moved.user.id).execute();
    const colleague = await t.signIn("Đồng Nghiệp Mới", "staff", A);
    expect((await post(`/api/people/${colleague.user.id}/role`, { role: "unit_lead", reason: "Tự giao quyền trưởng" }, moved.auth)).statusCode).toBe(403);
    // Revoking drops the binding.
    expect((await post(`/api/people/${x.user.id}/role`, { role: "staff", reason: "Hết nhiệm kỳ" })).statusCode).toBe(200);
    const row = await t.app.ctx.db.selectFrom("users").select(["role", "roleUnitCode"]).where("id", "=", x.user.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ role: "staff", roleUnitCode: null });
    expect((await get(`/api/units/${A}/dashboard`, x.auth)).status).toBe(403);
  });

  it("merges two accounts of one person: progress, attempts, roster match and inbox kept (shared ones once), unit counts unchanged, audited", async () => {
    const keep = await t.signIn("Trần Thị Gộp", "staff", A);
    await verifyPhone(t, keep.auth, "0913000001");
    const dup = await t.signIn("Trần Thị Gộp (máy 2)", "staff");
    const lessons = t.pack.lessons.map((l) => l.id);
    await completeLessons(t, keep.user.id, { lessonIds: lessons.slice(0, 8), at: new Date(t.clock.now().getTime() - 3600_000) });
    await completeLessons(t, dup.user.id, { lessonIds: lessons.slice(4) });
    await finishAttempt(t, dup.user.id, { score: 90, startedAt: t.clock.now() });
    const at = t.clock.now().toISOString();
    const msg = (userId: string, ruleId: string) => ({ id: randomUUID(), ruleId, userId, occurrence: at, kind: "reminder" as const, title: "Nhắc học", body: "Còn bài chưa học", path: "/", deadlineAt: at, progress: 0, senderId: null, createdAt: at, readAt: null });
    await factsDb(t).insertInto("reminderOutbox").values([msg(keep.user.id, "r1"), msg(dup.user.id, "r1"), msg(dup.user.id, "r2")]).execute();

    // The duplicate had asked to join another unit's list: the pending claim follows the person.
    expect((await post(`/api/units/${B}/claims`, { note: "Tôi làm ở đây" }, dup.auth)).statusCode).toBe(200);
    const before = { attempts: await count("quizAttempts"), lessons: await count("lessonProgress"), inbox: await count("reminderOutbox"), unit: await unitRow(A) };
    expect(before.unit).toMatchObject({ signedIn: expect.any(Number) });
    const res = await post("/api/people/merge", { keepId: keep.user.id, mergeId: dup.user.id, reason: "Cùng một người, đổi điện thoại" });
    expect(res.statusCode).toBe(200);
    const body = res.json() as MergeResponse;
    expect(body.moved).toEqual({ attempts: 1, lessons: 10, roster: false, inbox: 1, claims: 1 });
    const claims = await factsDb(t).selectFrom("unitClaims").select(["userId", "status"]).where("unitCode", "=", B).execute();
    expect(claims).toEqual([{ userId: keep.user.id, status: "pending" }]);
    expect(body.person).toMatchObject({
      person: { id: keep.user.id, phone: "0913000001", unitCode: A },
      progress: { lessonsDone: t.pack.lessons.length, testDone: true, countedScore: 90 },
      roster: { unitCode: A },
      mergedFrom: [dup.user.id],
    });
    // Nothing lost, nothing twice: the 4 shared lessons and the shared message are kept once.
    expect(await count("quizAttempts")).toBe(before.attempts);
    expect(await count("lessonProgress")).toBe(before.lessons - 4);
    expect(await count("reminderOutbox")).toBe(before.inbox);
    const inbox = await factsDb(t).selectFrom("reminderOutbox").select("ruleId").where("userId", "=", keep.user.id).orderBy("ruleId").execute();
    expect(inbox.map((m) => m.ruleId)).toEqual(["r1", "r2"]);
    // The earlier completion of a shared lesson is the one kept.
    const shared = await factsDb(t).selectFrom("lessonProgress").select("completedAt").where("userId", "=", keep.user.id).where("lessonId", "=", lessons[5]!).executeTakeFirstOrThrow();
    expect(shared.completedAt).toBe(new Date(t.clock.now().getTime() - 3600_000).toISOString());
    // The unit counts the person once, now as having taken part.
    expect(await unitRow(A)).toMatchObject({ rosterCount: before.unit.rosterCount, signedIn: before.unit.signedIn, participants: before.unit.participants + 1 });
    // The merged account's session now acts as the kept one.
    expect((await get<{ user: { id: string } }>("/api/me", dup.auth)).body.user.id).toBe(keep.user.id);
    expect((await listAudit(t.app.ctx.db, 1))[0]).toMatchObject({ action: "people.merged", subject: keep.user.id, details: { mergedId: dup.user.id, reason: "Cùng một người, đổi điện thoại" } });
    expect((await post("/api/people/merge", { keepId: keep.user.id, mergeId: dup.user.id, reason: "Gộp lần thứ hai" })).json().error.code).toBe("MERGE_NOT_ALLOWED");
    expect((await post("/api/people/merge", { keepId: keep.user.id, mergeId: keep.user.id, reason: "Tự gộp chính mình" })).statusCode).toBe(400);
  });

  it("refuses a merge while an attempt is in progress", async () => {
    const a = await t.signIn("Người Đang Thi", "staff", A);
    const b = await t.signIn("Người Đang Thi 2", "staff", A);
    await completeLessons(t, b.user.id);
    expect((await post("/api/quiz/attempts", {}, b.auth)).statusCode).toBe(200);
    const res = await post("/api/people/merge", { keepId: a.user.id, mergeId: b.user.id, reason: "Cùng một người" });
    expect([res.statusCode, res.json().error.code]).toEqual([409, "MERGE_NOT_ALLOWED"]);
  });

  it("never moves a roster match silently when the same phone is verified by another account", async () => {
    const first = await t.signIn("Lê Văn Khớp", "staff");
    expect((await verifyPhone(t, first.auth, "0913000002")).unitCode).toBe(A);
    await completeLessons(t, first.user.id);
    await finishAttempt(t, first.user.id, { score: 60, startedAt: t.clock.now() });
    const unitBefore = await unitRow(A);
    const second = await t.signIn("Lê Văn Khớp (tài khoản mới)", "staff");
    await verifyPhone(t, second.auth, "0913000002");
    expect((await get<PersonDetail>(`/api/people/${first.user.id}`)).body.roster).toMatchObject({ unitCode: A });
    expect((await get<PersonDetail>(`/api/people/${second.user.id}`)).body.roster).toBeNull();
    expect(await unitRow(A)).toEqual(unitBefore);
    // Not silent: the clash is in the log, naming both accounts, for an organiser to merge them.
    expect((await listAudit(t.app.ctx.db, 1))[0]).toMatchObject({ action: "roster.match_kept", subject: first.user.id, details: { otherAccountId: second.user.id, unitCode: A } });
    // Even once the first account no longer holds that number.
    await verifyPhone(t, first.auth, "0913999999");
    await verifyPhone(t, second.auth, "0913000002");
    expect((await get<PersonDetail>(`/api/people/${first.user.id}`)).body.roster).toMatchObject({ unitCode: A });
  });
});
