import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { multipartBody } from "../../test/multipart";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { insertUser } from "./users.repository";

const A = "10507";
const B = "10525";
type Auth = { authorization: string };

/** Issue 10 #1: a unit lead of A who sets their own unit to B must get nothing of B. */
describe.each(DIALECTS)("a unit lead cannot take over another unit, on %s", (dialect) => {
  let t: TestApp;
  let organizer: Auth;
  let leadB: Auth;
  let bStaffId: string;
  let claimId: string;

  const call = (auth: Auth, method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...headers, ...auth }, payload: payload as string | object | undefined });
  const rosterOfB = async () => (await call(organizer, "GET", `/api/units/${B}/dashboard`)).json().counts.roster as number;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    organizer = (await t.signIn("Ban Tổ Chức", "organizer")).auth;
    leadB = (await t.signIn("Lãnh Đạo B", "unit_lead", B)).auth;
    // B's list (imported by the organiser), one person signed in on it, and a pending claim to join B.
    const csv = multipartBody("b.csv", "Họ và tên,Số điện thoại\nNguyễn Văn Một,0912345001\nTrần Thị Hai,0912345002\nLê Văn Ba,0912345003\n");
    expect((await call(organizer, "POST", `/api/units/${B}/roster`, csv.payload, csv.headers)).statusCode).toBe(200);
    const bStaff = await t.signIn("Nguyễn Văn Một", "staff", B);
    bStaffId = bStaff.user.id;
    expect((await call(bStaff.auth, "POST", "/api/auth/phone", { phoneToken: "dev:0912345001" })).statusCode).toBe(200);
    const claimer = await t.signIn("Người Xin Vào", "staff");
    const claim = await call(claimer.auth, "POST", `/api/units/${B}/claims`, { note: "Tôi làm ở B" });
    expect(claim.statusCode).toBe(200);
    claimId = claim.json().claim.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a lead of A who moves to B is staff there and reaches none of B's unit routes", async () => {
    const leadA = await t.signIn("Lãnh Đạo A", "unit_lead", A);
    expect((await call(leadA.auth, "GET", `/api/units/${A}/dashboard`)).statusCode).toBe(200);
    const sizeBefore = await rosterOfB();
    expect(sizeBefore).toBe(3);

    const moved = await call(leadA.auth, "PATCH", "/api/me", { unitCode: B });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().user).toMatchObject({ unitCode: B, role: "staff" });
    // Tests run the demo sign-in (AUTH_DEV), where a demo account that picks a listed unit is put on its
    // list (the demo feature's profileUpdated hook): count B's list from here on.
    const sizeAfterMove = await rosterOfB();

    const one = multipartBody("one.csv", "Họ và tên,Số điện thoại\nKẻ Lạ,0999999999\n");
    const attempts: Array<[string, () => ReturnType<typeof call>]> = [
      ["dashboard", () => call(leadA.auth, "GET", `/api/units/${B}/dashboard`)],
      ["report", () => call(leadA.auth, "GET", `/api/units/${B}/report.xlsx`)],
      ["report-link", () => call(leadA.auth, "POST", `/api/units/${B}/report-link`)],
      ["members", () => call(leadA.auth, "GET", `/api/units/${B}/members`)],
      ["claims", () => call(leadA.auth, "GET", `/api/units/${B}/claims`)],
      ["claim decision", () => call(leadA.auth, "POST", `/api/units/${B}/claims/${claimId}/decision`, { approve: false })],
      ["roster upload", () => call(leadA.auth, "POST", `/api/units/${B}/roster`, one.payload, one.headers)],
      ["roster replace", () => call(leadA.auth, "POST", `/api/units/${B}/roster?replace=1`, one.payload, one.headers)],
      ["nudge", () => call(leadA.auth, "POST", "/api/reminders/nudge", { userIds: [bStaffId] })],
      // Nor is the old unit still theirs.
      ["old unit's dashboard", () => call(leadA.auth, "GET", `/api/units/${A}/dashboard`)],
    ];
    const got: Record<string, number> = {};
    for (const [name, attempt] of attempts) got[name] = (await attempt()).statusCode;
    expect(got).toEqual(Object.fromEntries(attempts.map(([name]) => [name, 403])));
    expect(await rosterOfB()).toBe(sizeAfterMove);
    const claims = await call(leadB, "GET", `/api/units/${B}/claims`);
    expect(claims.json().claims.map((c: { id: string }) => c.id)).toContain(claimId);
  });

  it("a role stays bound to its unit even if the profile's unit changes some other way", async () => {
    const leadA = await t.signIn("Lãnh Đạo A2", "unit_lead", A);
    await t.app.ctx.db.updateTable("users").set({ unitCode: B }).where("id", "=", leadA.user.id).execute();
    expect((await call(leadA.auth, "GET", `/api/units/${B}/dashboard`)).statusCode).toBe(403);
    expect((await call(leadA.auth, "POST", "/api/reminders/nudge", { userIds: [bStaffId] })).statusCode).toBe(403);
  });

  it("a person on a unit's list cannot move themselves (the claims flow is the way)", async () => {
    const listed = await t.signIn("Trần Thị Hai", "staff", B);
    expect((await call(listed.auth, "POST", "/api/auth/phone", { phoneToken: "dev:0912345002" })).statusCode).toBe(200);
    const res = await call(listed.auth, "PATCH", "/api/me", { unitCode: A });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("UNIT_CHANGE_NOT_ALLOWED");
    expect((await call(listed.auth, "GET", "/api/me")).json().user.unitCode).toBe(B);
    // Editing the rest of the profile still works, and "moving" to the same unit is no move.
    expect((await call(listed.auth, "PATCH", "/api/me", { unitCode: B, position: "Chuyên viên" })).statusCode).toBe(200);
  });

  it("outside the demo, a lead with no unit who picks one is staff there; in the demo the first pick binds the role", async () => {
    const demo = await t.signIn("Lãnh Đạo Demo", "unit_lead");
    expect((await call(demo.auth, "PATCH", "/api/me", { unitCode: A })).json().user.role).toBe("unit_lead");
    expect((await call(demo.auth, "GET", `/api/units/${A}/dashboard`)).statusCode).toBe(200);
    // The first pick only: moving on drops the role.
    expect((await call(demo.auth, "PATCH", "/api/me", { unitCode: B })).json().user.role).toBe("staff");

    const prod = await buildTestApp(dialect, { env: { AUTH_DEV: "0" } });
    try {
      const { issueSessionToken } = await import("./session-token");
      const lead = await insertUser(prod.app.ctx.db, { zaloId: "z-lead-no-unit", zaloName: "Lead", fullName: "Lãnh Đạo", role: "unit_lead", unitCode: null }, prod.clock.now());
      const auth = { authorization: `Bearer ${issueSessionToken(prod.env.SESSION_SECRET, lead.id, prod.clock.now())}` };
      const picked = await prod.app.inject({ method: "PATCH", url: "/api/me", headers: auth, payload: { unitCode: B } });
      expect(picked.json().user).toMatchObject({ unitCode: B, role: "staff" });
      expect((await prod.app.inject({ method: "GET", url: `/api/units/${B}/dashboard`, headers: auth })).statusCode).toBe(403);
    } finally {
      await prod.close();
    }
  });

  it("a lead's unit comes from an organiser's grant, and the grant is for that unit only", async () => {
    const person = await t.signIn("Phạm Văn Bốn", "staff", A);
    const granted = await call(organizer, "POST", `/api/people/${person.user.id}/role`, { role: "unit_lead", unitCode: A, reason: "Phân công lãnh đạo đơn vị" });
    expect(granted.statusCode).toBe(200);
    expect((await call(person.auth, "GET", `/api/units/${A}/dashboard`)).statusCode).toBe(200);
    expect((await call(person.auth, "GET", `/api/units/${B}/dashboard`)).statusCode).toBe(403);
    const moved = await call(person.auth, "PATCH", "/api/me", { unitCode: B });
    expect(moved.json().user.role).toBe("staff");
    expect((await call(person.auth, "GET", `/api/units/${A}/dashboard`)).statusCode).toBe(403);
  });
});
