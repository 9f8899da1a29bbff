import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { multipartFile } from "./units.test-helpers";

const A = "10507";
const B = "10525";
const WHO = ["anonymous", "staff", "judge", "lead of the unit", "lead of another unit", "organizer"] as const;
type Who = (typeof WHO)[number];

/** Expected status per caller; "unit" = only the unit's lead and organisers; "org" = organisers only. */
const unit = { anonymous: 401, staff: 403, judge: 403, "lead of the unit": 200, "lead of another unit": 403, organizer: 200 } as const;
const org = { anonymous: 401, staff: 403, judge: 403, "lead of the unit": 403, "lead of another unit": 403, organizer: 200 } as const;
const signedIn = { anonymous: 401, staff: 200, judge: 200, "lead of the unit": 200, "lead of another unit": 200, organizer: 200 } as const;
const csv = multipartFile("ds.csv", "Họ và tên,Số điện thoại\nNguyễn Văn Một,0912345001\n");

type Case = { route: string; method: "GET" | "POST"; url: string; payload?: unknown; headers?: Record<string, string>; expect: Record<Who, number> };
const CASES: Case[] = [
  { route: "GET /api/units", method: "GET", url: "/api/units", expect: { anonymous: 200, staff: 200, judge: 200, "lead of the unit": 200, "lead of another unit": 200, organizer: 200 } },
  { route: "GET /api/leaderboard", method: "GET", url: "/api/leaderboard?board=department", expect: signedIn },
  { route: "GET /api/units/:code/dashboard", method: "GET", url: `/api/units/${A}/dashboard`, expect: unit },
  { route: "POST /api/units/:code/roster", method: "POST", url: `/api/units/${A}/roster`, payload: csv.payload, headers: csv.headers, expect: unit },
  { route: "GET /api/units/:code/report.xlsx", method: "GET", url: `/api/units/${A}/report.xlsx`, expect: unit },
  { route: "POST /api/units/:code/report-link", method: "POST", url: `/api/units/${A}/report-link`, expect: unit },
  { route: "GET /api/units/:code/members", method: "GET", url: `/api/units/${A}/members`, expect: unit },
  { route: "GET /api/units/:code/claims", method: "GET", url: `/api/units/${A}/claims`, expect: unit },
  // Allowed callers get past authorisation to "no such claim".
  { route: "POST /api/units/:code/claims/:id/decision", method: "POST", url: `/api/units/${A}/claims/nope/decision`, payload: { approve: true }, expect: { ...unit, "lead of the unit": 404, organizer: 404 } },
  { route: "POST /api/units/:code/claims", method: "POST", url: `/api/units/${A}/claims`, payload: { note: "Tôi công tác tại đây" }, expect: signedIn },
  { route: "GET /api/me/unit-status", method: "GET", url: "/api/me/unit-status", expect: signedIn },
  { route: "GET /api/stages/:stageId/result", method: "GET", url: "/api/stages/stage1/result", expect: signedIn },
  // Stage 1 is still open: organisers get past authorisation to "not yet".
  { route: "POST /api/stages/:stageId/close", method: "POST", url: "/api/stages/stage1/close", expect: { ...org, organizer: 409 } },
  { route: "POST /api/stages/:stageId/qualifiers", method: "POST", url: "/api/stages/stage1/qualifiers", payload: { unitCodes: [] }, expect: { ...org, organizer: 409 } },
  { route: "GET /api/stages/:stageId/snapshot.csv (public)", method: "GET", url: "/api/stages/stage1/snapshot.csv", expect: { anonymous: 404, staff: 404, judge: 404, "lead of the unit": 404, "lead of another unit": 404, organizer: 404 } },
  { route: "GET /api/reports/city.xlsx", method: "GET", url: "/api/reports/city.xlsx", expect: org },
  { route: "POST /api/reports/city-link", method: "POST", url: "/api/reports/city-link", expect: org },
  { route: "GET /api/audit", method: "GET", url: "/api/audit", expect: org },
];

describe.each(DIALECTS)("who may call the units routes, on %s", (dialect) => {
  let t: TestApp;
  const auth = {} as Record<Who, Record<string, string>>;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    auth.anonymous = {};
    auth.staff = (await t.signIn("Cán Bộ", "staff", A)).auth;
    auth.judge = (await t.signIn("Giám Khảo", "judge")).auth;
    auth["lead of the unit"] = (await t.signIn("Lãnh Đạo A", "unit_lead", A)).auth;
    auth["lead of another unit"] = (await t.signIn("Lãnh Đạo B", "unit_lead", B)).auth;
    auth.organizer = (await t.signIn("Ban Tổ Chức", "organizer")).auth;
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(CASES)("$route", async (c) => {
    const got: Record<string, number> = {};
    for (const who of WHO) {
      const res = await t.app.inject({ method: c.method, url: c.url, headers: { ...c.headers, ...auth[who] }, payload: c.payload as string | object | undefined });
      got[who] = res.statusCode;
      if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
    }
    expect(got).toEqual(c.expect);
  });

  it("a unit lead cannot reach another unit through a signed link either", async () => {
    const link = await t.app.inject({ method: "POST", url: `/api/units/${A}/report-link`, headers: auth["lead of the unit"] });
    const token = new URL(link.json().url, "http://x").searchParams.get("token")!;
    const swapped = await t.app.inject({ method: "GET", url: `/api/units/${B}/report.xlsx?token=${encodeURIComponent(token)}` });
    expect(swapped.statusCode).toBe(401);
    const forged = await t.app.inject({ method: "GET", url: `/api/units/${A}/report.xlsx?token=${encodeURIComponent(token.replace(/.$/, (ch) => (ch === "A" ? "B" : "A")))}` });
    expect(forged.statusCode).toBe(401);
  });

  it("says an unknown unit is unknown to organisers", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/units/99999/dashboard", headers: auth.organizer });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("UNIT_UNKNOWN");
  });
});
