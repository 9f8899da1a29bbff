import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { FakeZalo } from "../../test/fake-zalo";
import { buildTestApp, type TestApp } from "../../test/test-app";

describe.each(DIALECTS)("auth and profile on %s", (dialect) => {
  let t: TestApp;
  const zalo = new FakeZalo();

  beforeAll(async () => {
    await zalo.start();
    zalo.addUser("token-of-lan-0123456789", { id: "zalo-lan", name: "Nguyễn Thị Lan", phone: "84912345678" });
    zalo.addUser("token-of-boss-0123456789", { id: "zalo-boss", name: "Trần Văn Hùng", phone: "84987654321" });
    t = await buildTestApp(dialect, { env: { ZALO_GRAPH_URL: zalo.url, BOOTSTRAP_ORGANIZERS: "0987 654 321" } });
  });
  afterAll(async () => {
    await t.close();
    await zalo.stop();
  });

  it("signs in with a Zalo token verified by the Graph API, and finds the same user again", async () => {
    const first = await t.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: "token-of-lan-0123456789" } });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.user).toMatchObject({ zaloName: "Nguyễn Thị Lan", role: "staff", onboarded: false, phone: null });
    expect(body.token).toMatch(/^v2\./);
    const again = await t.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: "token-of-lan-0123456789" } });
    expect(again.json().user.id).toBe(body.user.id);
    expect(zalo.requests.filter((r) => r.path === "/v2.0/me").length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a token Zalo does not know, with a coded 401", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: "forged-token-0000000000" } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("ZALO_TOKEN_INVALID");
  });

  it("returns a coded 503 with Retry-After when Zalo cannot be reached", async () => {
    const broken = await buildTestApp(dialect, { env: { ZALO_GRAPH_URL: "http://127.0.0.1:9" } });
    const res = await broken.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: "token-of-lan-0123456789" } });
    await broken.close();
    expect(res.statusCode).toBe(503);
    expect(res.headers["retry-after"]).toBe("30");
    expect(res.json().error).toEqual({ code: "ZALO_UNAVAILABLE", message: "Internal Server Error" });
  });

  it("verifies the phone server-side, stores it normalised, and the token is single-use", async () => {
    const session = (await t.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: "token-of-lan-0123456789" } })).json();
    const auth = { authorization: `Bearer ${session.token}` };
    const phoneToken = zalo.issuePhoneToken("token-of-lan-0123456789");
    const res = await t.app.inject({ method: "POST", url: "/api/auth/phone", headers: auth, payload: { phoneToken, accessToken: "token-of-lan-0123456789" } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.phone).toBe("0912345678");
    expect(res.json().user.role).toBe("staff");
    const replay = await t.app.inject({ method: "POST", url: "/api/auth/phone", headers: auth, payload: { phoneToken, accessToken: "token-of-lan-0123456789" } });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe("PHONE_TOKEN_INVALID");
  });

  it("will not attach another Zalo user's phone to my account", async () => {
    const lan = (await t.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: "token-of-lan-0123456789" } })).json();
    const phoneToken = zalo.issuePhoneToken("token-of-boss-0123456789");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/phone",
      headers: { authorization: `Bearer ${lan.token}` },
      payload: { phoneToken, accessToken: "token-of-boss-0123456789" },
    });
    expect(res.statusCode).toBe(403);
  });

  it("makes a verified bootstrap phone an organiser, who can then grant roles", async () => {
    const boss = (await t.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: "token-of-boss-0123456789" } })).json();
    const auth = { authorization: `Bearer ${boss.token}` };
    const phoneToken = zalo.issuePhoneToken("token-of-boss-0123456789");
    const res = await t.app.inject({ method: "POST", url: "/api/auth/phone", headers: auth, payload: { phoneToken, accessToken: "token-of-boss-0123456789" } });
    expect(res.json().user).toMatchObject({ role: "organizer", phone: "0987654321" });

    const staff = await t.signIn("Phạm Minh", "staff");
    const grant = await t.app.inject({ method: "POST", url: `/api/people/${staff.user.id}/role`, headers: auth, payload: { role: "unit_lead", unitCode: "10507", reason: "Lãnh đạo mới của xã" } });
    expect(grant.statusCode).toBe(200);
    expect(grant.json().person).toMatchObject({ role: "unit_lead", unitCode: "10507" });

    const byStaff = await t.app.inject({ method: "POST", url: `/api/people/${boss.user.id}/role`, headers: staff.auth, payload: { role: "staff", reason: "Thử thu hồi" } });
    expect(byStaff.statusCode).toBe(403);
    expect(byStaff.json().error.code).toBe("FORBIDDEN");
  });

  it("changes roles only with a reason, and writes who, what and why to the audit log (the old PUT /api/users/:id/role had neither)", async () => {
    const boss = await t.signIn("Ban Tổ Chức Hai", "organizer");
    const staff = await t.signIn("Đỗ Văn Năm", "staff", "10507");
    const old = await t.app.inject({ method: "PUT", url: `/api/users/${staff.user.id}/role`, headers: boss.auth, payload: { role: "unit_lead", unitCode: "10507" } });
    expect(old.statusCode).toBe(404);
    const noReason = await t.app.inject({ method: "POST", url: `/api/people/${staff.user.id}/role`, headers: boss.auth, payload: { role: "unit_lead", unitCode: "10507" } });
    expect(noReason.statusCode).toBe(400);
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: staff.auth })).json().user.role).toBe("staff");
    const ok = await t.app.inject({ method: "POST", url: `/api/people/${staff.user.id}/role`, headers: boss.auth, payload: { role: "unit_lead", unitCode: "10507", reason: "Quyết định phân công số 7" } });
    expect(ok.statusCode).toBe(200);
    const audit = await t.app.ctx.db.selectFrom("auditLog").select(["actorId", "action", "details"]).where("subject", "=", staff.user.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: boss.user.id, action: "people.role_granted" });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ from: "staff", to: "unit_lead", unitCode: "10507", reason: "Quyết định phân công số 7" });
  });

  it("onboards through PATCH /api/me and validates every field", async () => {
    const me = await t.signIn("Lê Hoa");
    const bad = await t.app.inject({ method: "PATCH", url: "/api/me", headers: me.auth, payload: { fullName: "L", unitCode: "10507" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(bad.json().error.fields)).toContain("fullName");

    const unknownUnit = await t.app.inject({ method: "PATCH", url: "/api/me", headers: me.auth, payload: { unitCode: "99999" } });
    expect(unknownUnit.statusCode).toBe(400);
    expect(unknownUnit.json().error.code).toBe("UNIT_UNKNOWN");

    const ok = await t.app.inject({
      method: "PATCH",
      url: "/api/me",
      headers: me.auth,
      payload: { fullName: "Lê Thị Hoa", unitCode: "10507", subUnit: "Trung tâm Phục vụ hành chính công", position: "Chuyên viên" },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ fullName: "Lê Thị Hoa", unitCode: "10507", onboarded: true });
    const read = await t.app.inject({ method: "GET", url: "/api/me", headers: me.auth });
    expect(read.json().user.subUnit).toBe("Trung tâm Phục vụ hành chính công");
  });

  it("distinguishes 401 without a session from a tampered token", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/me" })).json().error.code).toBe("UNAUTHENTICATED");
    const me = await t.signIn("Đỗ An");
    const tampered = me.token.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    const res = await t.app.inject({ method: "GET", url: "/api/me", headers: { authorization: `Bearer ${tampered}` } });
    expect(res.statusCode).toBe(401);
  });

  it("hides dev sign-in when AUTH_DEV is off", async () => {
    const prod = await buildTestApp(dialect, { env: { AUTH_DEV: "0" } });
    const res = await prod.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Ai đó" } });
    await prod.close();
    expect(res.statusCode).toBe(404);
  });
});
