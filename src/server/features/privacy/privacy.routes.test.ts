import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERASED_NAME } from "../../../domain/privacy/privacy.config";
import type { MyPrivacyResponse, PrivacyRequestsResponse, RetentionReport } from "../../../domain/privacy/privacy.schema";
import type { DashboardResponse } from "../../../domain/units/roster.schema";
import { DIALECTS } from "../../test/dialects";
import { FakeZalo } from "../../test/fake-zalo";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { keyOf, save, startAndLoad } from "../quiz/quiz.test-helpers";
import { participationScope } from "../participation";
import { peopleWithProgress } from "../reminders/audience.repository";
import { PHONE_HEADER, PEOPLE_HEADERS, UNIT_SHEETS } from "../reports/report-workbooks";
import { readXlsx, uploadRoster, verifyPhone } from "../units/units.test-helpers";
import { PERSONAL_DATA_SOURCES } from "./personal-data.sources";
import { RetentionJob } from "./retention.service";

const UNIT = "10507";
type Session = { token: string; user: { id: string }; auth: { authorization: string } };

describe.each(DIALECTS)("personal data (Law 91/2025/QH15) on %s", (dialect) => {
  let t: TestApp;
  const zalo = new FakeZalo();
  let organizer: Session;
  let lan: Session;
  let minh: Session;

  const get = <T>(url: string, auth = lan.auth) => t.app.inject({ method: "GET", url, headers: auth }).then((r) => ({ status: r.statusCode, body: r.json() as T }));
  const post = (url: string, payload: object | undefined, auth: { authorization: string }) => t.app.inject({ method: "POST", url, headers: auth, ...(payload ? { payload } : {}) });

  /** Someone who signed in through Zalo, asked to join, got a nudge, verified the phone (roster match), learned, took the test, consented. */
  async function personWithDataEverywhere(token: string, zaloId: string, name: string, phone: string): Promise<Session> {
    zalo.addUser(token, { id: zaloId, name, phone: `84${phone.slice(1)}` });
    const signIn = await t.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: token } });
    const s = signIn.json() as { token: string; user: { id: string } };
    const session = { ...s, auth: { authorization: `Bearer ${s.token}` } };
    await t.app.inject({ method: "PATCH", url: "/api/me", headers: session.auth, payload: { fullName: name, unitCode: UNIT, notificationsConsent: true } });
    expect((await post(`/api/units/${UNIT}/claims`, { note: `Ghi chú của ${name}` }, session.auth)).statusCode).toBe(200);
    expect((await post("/api/reminders/nudge", { userIds: [s.user.id] }, organizer.auth)).statusCode).toBe(200);
    await verifyPhone(t, session.auth, phone);
    await t.app.ctx.db.insertInto("lessonProgress").values(t.pack.lessons.map((l) => ({ userId: s.user.id, lessonId: l.id, completedAt: t.clock.now().toISOString() }))).execute();
    const attempt = await startAndLoad(t, session.auth);
    for (const q of attempt.questions.slice(0, 10)) await save(t, session.auth, attempt.attempt.id, q.id, keyOf(t, q).right, 1);
    await post(`/api/quiz/attempts/${attempt.attempt.id}/events`, { kind: "paused" }, session.auth);
    expect((await post(`/api/quiz/attempts/${attempt.attempt.id}/submit`, undefined, session.auth)).statusCode).toBe(200);
    return session;
  }

  beforeAll(async () => {
    await zalo.start();
    t = await buildTestApp(dialect, { env: { ZALO_GRAPH_URL: zalo.url }, pack: (p) => ({ ...p, ranking: { ...p.ranking, liveCacheSeconds: 0 } }) });
    organizer = await t.signIn("Ban Tổ Chức", "organizer", UNIT);
    await uploadRoster(t, organizer.auth, UNIT, "ds.csv", "Họ và tên,Số điện thoại,Bộ phận\nNguyễn Thị Lan,0912000001,Văn phòng\nTrần Văn Minh,0912000002,Văn phòng\nLê Văn Chưa,0912000003,Trạm Y tế\n");
    lan = await personWithDataEverywhere("token-lan-000000000001", "zalo-lan", "Nguyễn Thị Lan", "0912000001");
    minh = await personWithDataEverywhere("token-minh-00000000001", "zalo-minh", "Trần Văn Minh", "0912000002");
    await get(`/api/leaderboard?board=commune`); // computes the participation summaries
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await zalo.stop();
  });

  it("registers a personal-data source for every table that holds a user_id", async () => {
    const tables = await t.app.ctx.db.introspection.getTables();
    const withUser = tables.filter((tb) => tb.columns.some((c) => c.name === "user_id")).map((tb) => tb.name);
    const covered = new Set(PERSONAL_DATA_SOURCES.flatMap((s) => s.tables));
    expect(withUser.length).toBeGreaterThan(5);
    expect(withUser.filter((name) => !covered.has(name))).toEqual([]);
  });

  it("shows and exports everything about me and nothing about anyone else", async () => {
    const { status, body } = await get<MyPrivacyResponse>("/api/privacy/me");
    expect(status).toBe(200);
    const rows = (id: string) => body.data.sections.find((s) => s.id === id)!.rows;
    expect(rows("profile")[0]).toMatchObject({ id: lan.user.id, fullName: "Nguyễn Thị Lan", phone: "0912000001", zaloId: "zalo-lan" });
    expect(rows("consents")[0]).toMatchObject({ value: "Đồng ý" });
    expect(rows("roster")[0]).toMatchObject({ fullName: "Nguyễn Thị Lan", unitCode: UNIT });
    expect(rows("lessons")).toHaveLength(t.pack.lessons.length);
    expect(rows("participation")).toHaveLength(1);
    expect(rows("attempts")).toHaveLength(1);
    expect(rows("answers")).toHaveLength(30);
    expect(rows("answers").filter((a) => a.optionId !== null)).toHaveLength(10);
    expect(JSON.stringify(rows("answers"))).not.toContain("correct");
    expect(rows("focus")).toEqual([expect.objectContaining({ kind: "paused" })]);
    expect(rows("claims")[0]).toMatchObject({ note: "Ghi chú của Nguyễn Thị Lan" });
    expect(rows("inbox").length).toBeGreaterThanOrEqual(1);

    const minhAttempt = (await t.app.ctx.db.selectFrom("quizAttempts").select("id").where("userId", "=", minh.user.id).executeTakeFirstOrThrow()).id;
    const text = JSON.stringify(body);
    for (const foreign of [minh.user.id, "Trần Văn Minh", "0912000002", "zalo-minh", minhAttempt, "Lê Văn Chưa", "0912000003"]) expect(text, foreign).not.toContain(foreign);

    const json = await t.app.inject({ method: "GET", url: "/api/privacy/me/export.json", headers: lan.auth });
    expect(json.headers["content-disposition"]).toMatch(/^attachment; filename="du-lieu-cua-toi-/);
    expect(JSON.parse(json.body).sections.map((s: { id: string }) => s.id)).toEqual(PERSONAL_DATA_SOURCES.map((s) => s.id));
    expect(json.body).not.toContain("Trần Văn Minh");

    const xlsx = await t.app.inject({ method: "GET", url: "/api/privacy/me/export.xlsx", headers: lan.auth });
    expect(xlsx.statusCode).toBe(200);
    const book = await readXlsx(xlsx.rawPayload);
    expect(book["Hồ sơ"]?.[1]).toContain("0912000001");
    expect(book["Tiến độ học"]).toHaveLength(t.pack.lessons.length + 1);
    expect(JSON.stringify(book)).not.toContain("0912000002");

    // Zalo's downloader: a signed link for that file only.
    const link = (await post("/api/privacy/me/export-link", { format: "xlsx" }, lan.auth)).json() as { url: string };
    expect((await t.app.inject({ method: "GET", url: link.url })).statusCode).toBe(200);
    const token = new URL(link.url, "http://x").searchParams.get("token")!;
    expect((await t.app.inject({ method: "GET", url: `/api/privacy/me/export.json?token=${encodeURIComponent(token)}` })).statusCode).toBe(401);
  });

  it("leaves staff phones out of the unit report until an organiser turns them on", async () => {
    const report = async () => (await readXlsx((await t.app.inject({ method: "GET", url: `/api/units/${UNIT}/report.xlsx`, headers: organizer.auth })).rawPayload))[UNIT_SHEETS.people]!;
    const off = await report();
    expect(off[0]).toEqual([...PEOPLE_HEADERS]);
    expect(JSON.stringify(off)).not.toContain("0912000001");
    expect((await get<{ reportStaffPhones: boolean }>("/api/privacy/settings", organizer.auth)).body.reportStaffPhones).toBe(false);

    expect((await t.app.inject({ method: "PUT", url: "/api/privacy/settings", headers: lan.auth, payload: { reportStaffPhones: true } })).statusCode).toBe(403);
    const on = await t.app.inject({ method: "PUT", url: "/api/privacy/settings", headers: organizer.auth, payload: { reportStaffPhones: true } });
    expect(on.json()).toMatchObject({ reportStaffPhones: true });
    const sheet = await report();
    expect(sheet[0]?.[4]).toBe(PHONE_HEADER);
    expect(sheet.find((r) => r[1] === "Nguyễn Thị Lan")?.[4]).toBe("0912000001");
    const audit = (await get<{ entries: Array<{ action: string; actorName: string }> }>("/api/audit", organizer.auth)).body.entries;
    expect(audit.find((e) => e.action === "privacy.settings")).toMatchObject({ actorName: "Ban Tổ Chức" });
    await t.app.inject({ method: "PUT", url: "/api/privacy/settings", headers: organizer.auth, payload: { reportStaffPhones: false } });
  });

  it("takes requests, lets organisers act on them before the deadline, and logs who did what", async () => {
    const bad = await post("/api/privacy/me/requests", { kind: "correct" }, minh.auth);
    expect(bad.statusCode).toBe(400);
    const made = await post("/api/privacy/me/requests", { kind: "correct", note: "Tên tôi là Trần Văn Mạnh" }, minh.auth);
    expect(made.statusCode).toBe(200);
    const request = made.json().request as { id: string; createdAt: string; dueAt: string; status: string };
    expect(Date.parse(request.dueAt) - Date.parse(request.createdAt)).toBe(t.pack.privacy.responseDays * 86_400_000);
    expect((await post("/api/privacy/me/requests", { kind: "correct", note: "lần nữa" }, minh.auth)).json().error.code).toBe("PRIVACY_REQUEST_PENDING");

    expect((await get("/api/privacy/requests", minh.auth)).status).toBe(403);
    const list = (await get<PrivacyRequestsResponse>("/api/privacy/requests", organizer.auth)).body;
    expect(list.requests).toEqual([expect.objectContaining({ id: request.id, userName: "Trần Văn Minh", kind: "correct", overdue: false })]);

    const done = await post(`/api/privacy/requests/${request.id}/decision`, { action: "complete", response: "Đã sửa họ tên", corrections: { fullName: "Trần Văn Mạnh" } }, organizer.auth);
    expect(done.json().request).toMatchObject({ status: "completed", decidedByName: "Ban Tổ Chức", response: "Đã sửa họ tên" });
    expect((await get<{ user: { fullName: string } }>("/api/me", minh.auth)).body.user.fullName).toBe("Trần Văn Mạnh");
    expect((await post(`/api/privacy/requests/${request.id}/decision`, { action: "reject", response: "không" }, organizer.auth)).json().error.code).toBe("PRIVACY_REQUEST_CLOSED");

    const audit = (await get<{ entries: Array<{ action: string; actorName: string; subject: string }> }>("/api/audit?limit=100", organizer.auth)).body.entries;
    expect(audit.find((e) => e.action === "privacy.request.correct")).toMatchObject({ subject: `user:${minh.user.id}` });
    expect(audit.find((e) => e.action === "privacy.correct.completed")).toMatchObject({ actorName: "Ban Tổ Chức", subject: `user:${minh.user.id}` });
    const mine = (await get<MyPrivacyResponse>("/api/privacy/me", minh.auth)).body;
    expect(mine.requests[0]).toMatchObject({ status: "completed", response: "Đã sửa họ tên" });
  });

  it("deletes a person by anonymising: the unit's counts and the Stage-1 snapshot stay as they were, the old account is gone", async () => {
    t.clock.set(new Date(Date.parse(t.pack.stages[0]!.closesAt) + 60_000));
    expect((await post("/api/stages/stage1/close", undefined, organizer.auth)).statusCode).toBe(200);
    const csvBefore = (await t.app.inject({ method: "GET", url: "/api/stages/stage1/snapshot.csv" })).body;
    const dashBefore = (await get<DashboardResponse>(`/api/units/${UNIT}/dashboard`, organizer.auth)).body;

    const asked = await post("/api/privacy/me/requests", { kind: "delete", note: "Tôi muốn xoá tài khoản" }, lan.auth);
    const id = asked.json().request.id as string;
    const done = await post(`/api/privacy/requests/${id}/decision`, { action: "complete", response: "Đã xoá dữ liệu" }, organizer.auth);
    expect(done.statusCode).toBe(200);

    const row = await t.app.ctx.db.selectFrom("users").selectAll().where("id", "=", lan.user.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ fullName: ERASED_NAME, phone: null, zaloId: null, zaloName: null, unitCode: UNIT });
    const rosterRow = await t.app.ctx.db.selectFrom("rosterEntries").selectAll().where("userId", "=", lan.user.id).executeTakeFirstOrThrow();
    expect(rosterRow).toMatchObject({ fullName: ERASED_NAME, phone: null });
    expect(rosterRow.rowKey).not.toContain("0912000001");
    expect(await t.app.ctx.db.selectFrom("reminderOutbox").select("id").where("userId", "=", lan.user.id).execute()).toEqual([]);

    const dashAfter = (await get<DashboardResponse>(`/api/units/${UNIT}/dashboard`, organizer.auth)).body;
    const figures = (d: DashboardResponse) => ({ counts: d.counts, participationPct: d.participationPct, meanScore: d.meanScore, rank: d.rank, bySubUnit: d.bySubUnit });
    expect(dashBefore.counts).toMatchObject({ roster: 3, signedIn: 2, participants: 2 });
    expect(figures(dashAfter)).toEqual(figures(dashBefore));
    const csv = await t.app.inject({ method: "GET", url: "/api/stages/stage1/snapshot.csv" });
    expect(csv.body).toBe(csvBefore);
    expect(createHash("sha256").update(csv.rawPayload).digest("hex")).toBe(csv.headers["x-content-sha256"]);

    // Reminders no longer reach the anonymised account.
    const audience = await peopleWithProgress(t.app.ctx.db, participationScope(t.pack), { participantsOnly: true });
    expect(audience.map((p) => p.userId)).toContain(minh.user.id);
    expect(audience.map((p) => p.userId)).not.toContain(lan.user.id);

    // The old session and the old Zalo account no longer reach the data; signing in again makes a new, empty account.
    expect((await get("/api/privacy/me", lan.auth)).status).toBe(401);
    const again = (await t.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: "token-lan-000000000001" } })).json();
    expect(again.user.id).not.toBe(lan.user.id);
    expect(again.user).toMatchObject({ fullName: null, phone: null, unitCode: null });

    const audit = (await get<{ entries: Array<{ action: string; actorName: string; details: { erased?: Record<string, number> } }> }>("/api/audit?limit=100", organizer.auth)).body.entries;
    expect(audit.find((e) => e.action === "privacy.delete.completed")).toMatchObject({ actorName: "Ban Tổ Chức", details: { erased: expect.objectContaining({ profile: 1, roster: 1 }) } });
  });

  it("reports what retention would anonymise, refuses before the date, then anonymises everyone and keeps the snapshot", async () => {
    const dry = (await get<RetentionReport>("/api/privacy/retention", organizer.auth)).body;
    expect(dry).toMatchObject({ due: false, dryRun: true, lastRunAt: null });
    expect(dry.counts.people).toBeGreaterThanOrEqual(3);
    expect(dry.counts.rosterEntries).toBe(2);
    expect((await post("/api/privacy/retention/run", undefined, organizer.auth)).json().error.code).toBe("RETENTION_NOT_DUE");
    expect((await get("/api/privacy/retention", minh.auth)).status).toBe(403);

    const sha = (await t.app.inject({ method: "GET", url: "/api/stages/stage1/snapshot.csv" })).headers["x-content-sha256"];
    t.clock.set(new Date(Date.parse(dry.dueAt) + 1000));
    // Sessions have a 30-day life; sign an organiser in again at the new date.
    const org = await t.signIn("Ban Tổ Chức 2", "organizer");
    const dueDry = (await get<RetentionReport>("/api/privacy/retention", org.auth)).body;
    expect(dueDry).toMatchObject({ due: true, dryRun: true, counts: { ...dry.counts, people: dry.counts.people + 1 } });
    // A dry run changes nothing.
    expect((await t.app.ctx.db.selectFrom("users").select("fullName").where("id", "=", minh.user.id).executeTakeFirstOrThrow()).fullName).toBe("Trần Văn Mạnh");

    const run = await post("/api/privacy/retention/run", undefined, org.auth);
    expect(run.json()).toMatchObject({ dryRun: false, counts: dueDry.counts });
    // Everyone was anonymised, the organiser who ran it included: a new sign-in is a new account.
    expect((await get("/api/privacy/retention", org.auth)).status).toBe(401);
    const org3 = await t.signIn("Ban Tổ Chức 3", "organizer");
    const after = (await get<RetentionReport>("/api/privacy/retention", org3.auth)).body;
    expect(after).toMatchObject({ lastRunAt: t.clock.now().toISOString(), counts: { people: 1, rosterEntries: 0, claims: 0, inboxMessages: 0, requests: 0 } });
    const names = await t.app.ctx.db.selectFrom("rosterEntries").select(["fullName", "phone"]).where("unitCode", "=", UNIT).execute();
    expect(names.every((n) => n.fullName === ERASED_NAME && n.phone === null)).toBe(true);
    expect(await t.app.ctx.db.selectFrom("lessonProgress").select("userId").where("userId", "=", minh.user.id).execute()).toHaveLength(t.pack.lessons.length);
    expect((await t.app.inject({ method: "GET", url: "/api/stages/stage1/snapshot.csv" })).headers["x-content-sha256"]).toBe(sha);

    // The job (started with the app, hourly) anonymises whoever is left once retention is due.
    const job = new RetentionJob(t.app.ctx, { info: () => undefined, error: () => undefined });
    expect(await job.tick()).toBe(true);
    expect((await t.app.ctx.db.selectFrom("users").select("fullName").where("id", "=", org3.user.id).executeTakeFirstOrThrow()).fullName).toBe(ERASED_NAME);
    expect(await job.tick()).toBe(false);
  });
});
