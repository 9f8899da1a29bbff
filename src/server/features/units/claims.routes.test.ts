import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claim, DashboardResponse, MyStatusResponse } from "../../../domain/units/roster.schema";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { uploadRoster, verifyPhone } from "./units.test-helpers";

const A = "10507";
const B = "10525";

describe.each(DIALECTS)("claims to join a unit on %s", (dialect) => {
  let t: TestApp;
  let leadA: Awaited<ReturnType<TestApp["signIn"]>>;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    leadA = await t.signIn("Lãnh Đạo A", "unit_lead", A);
    await uploadRoster(t, leadA.auth, A, "a.csv", "Họ và tên,Số điện thoại,Bộ phận\nCó Tên,0912000001,Văn phòng\n");
  });
  afterAll(async () => {
    await t?.close();
  });

  const claim = (auth: Record<string, string>, unit: string, body: object) => t.app.inject({ method: "POST", url: `/api/units/${unit}/claims`, headers: auth, payload: body });
  const dashboard = async () => (await t.app.inject({ method: "GET", url: `/api/units/${A}/dashboard`, headers: leadA.auth })).json() as DashboardResponse;

  it("lets someone not on any list claim a unit; a new claim replaces the pending one", async () => {
    const newcomer = await t.signIn("Người Mới Về", "staff", A);
    const first = await claim(newcomer.auth, B, { subUnit: "Phòng Kinh tế" });
    expect(first.statusCode).toBe(200);
    const second = await claim(newcomer.auth, A, { subUnit: "Trạm Y tế", position: "Y sĩ", note: "Mới chuyển công tác từ 01/6" });
    expect(second.json().claim).toMatchObject({ unitCode: A, status: "pending", fullName: "Người Mới Về", subUnit: "Trạm Y tế" });
    expect(second.json().claim.id).toBe(first.json().claim.id);
    const pendingB = await t.app.inject({ method: "GET", url: `/api/units/${B}/claims`, headers: (await t.signIn("Lãnh Đạo B", "unit_lead", B)).auth });
    expect(pendingB.json().claims).toEqual([]);
    expect((await dashboard()).counts.pendingClaims).toBe(1);
  });

  it("puts an approved claimant on the roster, their profile following it", async () => {
    const pending = (await t.app.inject({ method: "GET", url: `/api/units/${A}/claims`, headers: leadA.auth })).json().claims as Claim[];
    expect(pending).toHaveLength(1);
    const before = await dashboard();
    const res = await t.app.inject({ method: "POST", url: `/api/units/${A}/claims/${pending[0]!.id}/decision`, headers: leadA.auth, payload: { approve: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json().claim).toMatchObject({ status: "approved", decidedAt: expect.any(String) });
    const after = await dashboard();
    expect(after.counts.roster).toBe(before.counts.roster + 1);
    expect(after.counts.signedIn).toBe(before.counts.signedIn + 1);
    expect(after.chase.find((c) => c.fullName === "Người Mới Về")).toMatchObject({ subUnit: "Trạm Y tế", position: "Y sĩ", missing: ["lessons", "test"] });

    const again = await t.app.inject({ method: "POST", url: `/api/units/${A}/claims/${pending[0]!.id}/decision`, headers: leadA.auth, payload: { approve: false } });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe("CLAIM_NOT_FOUND");
  });

  it("refuses a claim from someone already on a list, and records rejections", async () => {
    const listed = await t.signIn("Có Tên", "staff", A);
    await verifyPhone(t, listed.auth, "0912000001");
    const refused = await claim(listed.auth, B, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("CONFLICT");

    const stranger = await t.signIn("Người Lạ", "staff", A);
    const c = (await claim(stranger.auth, A, { note: "?" })).json().claim as Claim;
    const rejected = await t.app.inject({ method: "POST", url: `/api/units/${A}/claims/${c.id}/decision`, headers: leadA.auth, payload: { approve: false } });
    expect(rejected.json().claim.status).toBe("rejected");
    const me = (await t.app.inject({ method: "GET", url: "/api/me/unit-status", headers: stranger.auth })).json() as MyStatusResponse;
    expect(me).toMatchObject({ onRoster: false, claim: { status: "rejected" } });

    const organizer = await t.signIn("Ban Tổ Chức", "organizer");
    const audit = (await t.app.inject({ method: "GET", url: "/api/audit", headers: organizer.auth })).json();
    expect(audit.entries.filter((e: { action: string }) => e.action.startsWith("claim.")).map((e: { action: string; actorName: string }) => [e.action, e.actorName])).toEqual([
      ["claim.reject", "Lãnh Đạo A"],
      ["claim.approve", "Lãnh Đạo A"],
    ]);
  });

  it("moves an approved claimant to the list that names their verified phone", async () => {
    const mover = await t.signIn("Người Chuyển", "staff", A);
    const c = (await claim(mover.auth, A, {})).json().claim as Claim;
    await t.app.inject({ method: "POST", url: `/api/units/${A}/claims/${c.id}/decision`, headers: leadA.auth, payload: { approve: true } });
    const organizer = await t.signIn("BTC 2", "organizer");
    await uploadRoster(t, organizer.auth, B, "b.csv", "Họ và tên,Số điện thoại,Bộ phận\nNgười Chuyển,0912000099,Phòng Kinh tế\n");
    const user = await verifyPhone(t, mover.auth, "0912000099");
    expect(user).toMatchObject({ unitCode: B, subUnit: "Phòng Kinh tế" });
    expect((await dashboard()).chase.some((p) => p.fullName === "Người Chuyển")).toBe(false);
  });
});
