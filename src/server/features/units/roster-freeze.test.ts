import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LeaderboardResponse } from "../../../domain/ranking/ranking.schema";
import type { RosterChangeDecisionResponse, RosterChangesResponse } from "../../../domain/units/roster-changes.schema";
import type { DashboardResponse, RosterImportResponse } from "../../../domain/units/roster.schema";
import { DIALECTS } from "../../test/dialects";
import { completeLessons, finishAttempt } from "../../test/seed";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { CITY_HEADERS, CITY_SHEETS, UNIT_SHEETS } from "../reports/report-workbooks";
import { type Auth, readXlsx, uploadRoster, verifyPhone } from "./units.test-helpers";

const A = "10507"; // Phường Thành Đông
const LIST = "Họ và tên,Số điện thoại\nNgười a1,0911000001\nNgười a2,0911000002\nNgười a3,0911000003\nNgười a4,0911000004\n";
/** What a lead who wants 100 % sends: only the two who took part (a1 asked to be made a lead, too). */
const TRIMMED = "Họ và tên,Số điện thoại,Vai trò\nNgười a1,0911000001,Lãnh đạo\nNgười a2,0911000002,\n";

/** Issue 10 (low): a lead made their unit 100 % by replacing the list with only the people who took part. */
describe.each(DIALECTS)("roster freeze and official headcount on %s", (dialect) => {
  let t: TestApp;
  let organizer: Auth;
  let lead: Auth;
  let a1: Awaited<ReturnType<TestApp["signIn"]>>;

  const get = async <T>(auth: Auth, url: string) => (await t.app.inject({ method: "GET", url, headers: auth })).json() as T;
  const dashboard = () => get<DashboardResponse>(lead, `/api/units/${A}/dashboard`);
  const boardPct = async () => (await get<LeaderboardResponse>(lead, "/api/leaderboard?board=commune")).rows.find((u) => u.unitCode === A)!.participationPct;
  const decide = (auth: Auth, id: string, body: object) => t.app.inject({ method: "POST", url: `/api/roster-changes/${id}/decision`, headers: auth, payload: body });
  const audit = (action: string) => t.app.ctx.db.selectFrom("auditLog").select(["actorId", "details"]).where("action", "=", action).execute();

  beforeAll(async () => {
    t = await buildTestApp(dialect, { pack: (p) => ({ ...p, ranking: { ...p.ranking, liveCacheSeconds: 0 } }) });
    organizer = (await t.signIn("Ban Tổ Chức", "organizer")).auth;
    lead = (await t.signIn("Trưởng Phường A", "unit_lead", A)).auth;
    expect((await uploadRoster(t, organizer, A, "a.csv", LIST)).statusCode).toBe(200);
    // a1 and a2 took part; a3 and a4 did not.
    for (const [i, phone] of ["0911000001", "0911000002"].entries()) {
      const s = await t.signIn(`Người a${i + 1}`, "staff", A);
      if (i === 0) a1 = s;
      await verifyPhone(t, s.auth, phone);
      await completeLessons(t, s.user.id);
      await finishAttempt(t, s.user.id, { score: 80, startedAt: t.clock.now() });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("before the freeze a lead's import applies at once", async () => {
    expect(Date.parse(t.pack.rosterFreezeAt)).toBeGreaterThan(t.clock.now().getTime());
    const res = (await uploadRoster(t, lead, A, "a.csv", LIST, { replace: true })).json() as RosterImportResponse;
    expect(res.heldForApproval).toBeNull();
    expect((await dashboard()).rosterFreeze).toMatchObject({ at: t.pack.rosterFreezeAt, passed: false, latestChange: null });
  });

  it("after it, a lead's trimmed list waits for an organiser: the rate stays over the full list until approved", async () => {
    t.clock.set(new Date(Date.parse(t.pack.rosterFreezeAt) + 60_000));
    const held = (await uploadRoster(t, lead, A, "chi-nguoi-da-thi.csv", TRIMMED, { replace: true })).json() as RosterImportResponse;
    expect(held.heldForApproval?.changeId).toEqual(expect.any(String));
    expect(held.totals).toMatchObject({ removed: 2, rosterSize: 2 });
    const d = await dashboard();
    expect(d.counts.roster).toBe(4);
    expect(d.participationPct).toBe(50);
    expect(d.rosterFreeze.latestChange).toMatchObject({ status: "pending", fileName: "chi-nguoi-da-thi.csv", rosterSizeBefore: 4, replace: true });
    expect(await boardPct()).toBe(50);

    // Only organisers list and decide; a decision needs a reason.
    expect((await t.app.inject({ method: "GET", url: "/api/roster-changes", headers: lead })).statusCode).toBe(403);
    expect((await decide(lead, held.heldForApproval!.changeId, { approve: true, reason: "Tôi tự duyệt" })).statusCode).toBe(403);
    expect((await decide(organizer, held.heldForApproval!.changeId, { approve: false })).statusCode).toBe(400);
    const pending = await get<RosterChangesResponse>(organizer, "/api/roster-changes");
    expect(pending.changes.map((c) => [c.unitCode, c.preview.removed, c.status])).toEqual([[A, 2, "pending"]]);

    const rejected = await decide(organizer, held.heldForApproval!.changeId, { approve: false, reason: "Danh sách thiếu người chưa thi" });
    expect((rejected.json() as RosterChangeDecisionResponse).change).toMatchObject({ status: "rejected", reason: "Danh sách thiếu người chưa thi" });
    expect((await decide(organizer, held.heldForApproval!.changeId, { approve: true, reason: "Đổi ý sau khi đã từ chối" })).json().error.code).toBe("ROSTER_CHANGE_DECIDED");
    expect((await dashboard()).counts.roster).toBe(4);
    expect((await dashboard()).rosterFreeze.latestChange).toMatchObject({ status: "rejected", reason: "Danh sách thiếu người chưa thi" });
    expect(await audit("roster.change_rejected")).toHaveLength(1);
    // The file (other people's names and numbers) is not kept once decided.
    const row = await t.app.ctx.db.selectFrom("rosterChanges").select("payload").where("id", "=", held.heldForApproval!.changeId).executeTakeFirstOrThrow();
    expect(row.payload).toBeNull();
  });

  it("an approved change is applied as the lead's import (never making anyone a lead), audited with the reason", async () => {
    const held = (await uploadRoster(t, lead, A, "chi-nguoi-da-thi.csv", TRIMMED, { replace: true })).json() as RosterImportResponse;
    const approved = (await decide(organizer, held.heldForApproval!.changeId, { approve: true, reason: "Hai người đã chuyển công tác" })).json() as RosterChangeDecisionResponse;
    expect(approved.applied).toMatchObject({ removed: 2, rosterSize: 2 });
    expect((await dashboard()).participationPct).toBe(100);
    expect((await get<{ user: { role: string } }>(a1.auth, "/api/me")).user.role).toBe("staff");
    const [line] = await audit("roster.change_approved");
    expect(JSON.parse(line!.details)).toMatchObject({ changeId: held.heldForApproval!.changeId, reason: "Hai người đã chuyển công tác", removed: 2 });
  });

  it("measures the rate against the official headcount when it is larger, on the dashboard, the boards and both reports", async () => {
    const set = (auth: Auth, headcount: number | null, reason = "Theo báo cáo biên chế") => t.app.inject({ method: "PUT", url: `/api/units/${A}/headcount`, headers: auth, payload: { headcount, reason } });
    expect((await set(lead, 2)).statusCode).toBe(403);
    expect((await set(organizer, 4, "")).statusCode).toBe(400);
    expect((await set(organizer, 4)).json()).toEqual({ unitCode: A, headcount: 4 });
    const d = await dashboard();
    expect([d.headcount, d.counts.roster, d.participationPct]).toEqual([4, 2, 50]);
    expect(await boardPct()).toBe(50);
    const unitBook = await readXlsx((await t.app.inject({ method: "GET", url: `/api/units/${A}/report.xlsx`, headers: lead })).rawPayload);
    const figure = (label: string) => unitBook[UNIT_SHEETS.summary]!.find((r) => r[0] === label)?.[1];
    expect([figure("Tỷ lệ tham gia"), figure("Số cán bộ chính thức (Ban tổ chức công bố)")]).toEqual([50, 4]);
    const city = (await readXlsx((await t.app.inject({ method: "GET", url: "/api/reports/city.xlsx", headers: organizer })).rawPayload))[CITY_SHEETS.commune]!;
    const row = city.find((r) => r[1] === A)!;
    expect([row[CITY_HEADERS.indexOf("Tỷ lệ tham gia (%)")], row[CITY_HEADERS.length - 1]]).toEqual([50, 4]);
    expect(JSON.parse((await audit("unit.headcount_set"))[0]!.details)).toMatchObject({ headcount: 4, previous: null, reason: "Theo báo cáo biên chế" });

    // Smaller than the list: the list counts. Cleared: the list alone again.
    expect((await set(organizer, 1)).statusCode).toBe(200);
    expect((await dashboard()).participationPct).toBe(100);
    expect((await set(organizer, null, "Bỏ số cũ đã nhập")).json()).toEqual({ unitCode: A, headcount: null });
    expect(await boardPct()).toBe(100);
  });

  it("an organiser's own import still applies at once after the freeze", async () => {
    const res = (await uploadRoster(t, organizer, A, "a.csv", LIST)).json() as RosterImportResponse;
    expect(res.heldForApproval).toBeNull();
    expect((await dashboard()).counts.roster).toBe(4);
  });
});
