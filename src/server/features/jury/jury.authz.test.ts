import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { type Auth, person, setupRound1, sheet } from "./jury.test-helpers";

const WHO = ["anonymous", "staff", "unit lead", "judge", "organizer"] as const;
type Who = (typeof WHO)[number];
type Expect = Record<Who, number>;

const org: Expect = { anonymous: 401, staff: 403, "unit lead": 403, judge: 403, organizer: 200 };
const judgeOnly: Expect = { anonymous: 401, staff: 403, "unit lead": 403, judge: 200, organizer: 403 };
const signedIn: Expect = { anonymous: 401, staff: 200, "unit lead": 200, judge: 200, organizer: 200 };
const everyone: Expect = { anonymous: 200, staff: 200, "unit lead": 200, judge: 200, organizer: 200 };

describe.each(DIALECTS)("jury authorisation matrix (%s)", (dialect) => {
  let t: TestApp;
  let auth: Record<Who, Auth | undefined>;
  let entryId: string;
  let invitedId: string;
  let judgeId: string;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const s = await setupRound1(t);
    await t.app.inject({ method: "POST", url: "/api/jury/rounds/stage2/declaration", headers: s.j3.auth, payload: { conflicts: [] } });
    entryId = s.entries[0]!.entryId;
    judgeId = s.j3.id;
    invitedId = (await person(t, "Người Được Mời", "staff", "SO-XD")).id;
    auth = {
      anonymous: undefined,
      staff: (await person(t, "Cán Bộ", "staff", "10525")).auth,
      "unit lead": (await person(t, "Lãnh Đạo", "unit_lead", "10532")).auth,
      judge: s.j3.auth,
      organizer: s.org.auth,
    };
  });
  afterAll(async () => t?.close());

  type Case = { route: string; method: "GET" | "POST" | "PUT"; url: () => string; payload?: () => unknown; expect: Expect };
  const CASES: Case[] = [
    { route: "GET people", method: "GET", url: () => "/api/jury/people?q=giam", expect: org },
    { route: "GET judges", method: "GET", url: () => "/api/jury/rounds/stage2/judges", expect: org },
    { route: "POST judges", method: "POST", url: () => "/api/jury/rounds/stage2/judges", payload: () => ({ userId: invitedId }), expect: org },
    { route: "POST revoke", method: "POST", url: () => "/api/jury/rounds/stage2/judges/nobody/revoke", payload: () => ({ reason: "Không phù hợp" }), expect: { ...org, organizer: 404 } },
    { route: "GET declaration", method: "GET", url: () => "/api/jury/rounds/stage2/declaration", expect: signedIn },
    { route: "POST declaration", method: "POST", url: () => "/api/jury/rounds/stage2/declaration", payload: () => ({ conflicts: [] }), expect: judgeOnly },
    { route: "GET conflicts", method: "GET", url: () => "/api/jury/rounds/stage2/conflicts", expect: org },
    { route: "POST conflicts", method: "POST", url: () => "/api/jury/rounds/stage2/conflicts", payload: () => ({ judgeId, unitCode: "10543", kind: "other", reason: "Quen biết" }), expect: org },
    { route: "GET conflicts.csv", method: "GET", url: () => "/api/jury/rounds/stage2/conflicts.csv", expect: org },
    { route: "POST conflicts-link", method: "POST", url: () => "/api/jury/rounds/stage2/conflicts-link", payload: () => ({ format: "xlsx" }), expect: org },
    { route: "POST blind file link", method: "POST", url: () => `/api/jury/rounds/stage2/entries/${entryId}/files/no-such-file/link`, expect: { ...judgeOnly, judge: 404, staff: 403, "unit lead": 403, organizer: 403 } },
    { route: "GET sheets", method: "GET", url: () => "/api/jury/rounds/stage2/sheets", expect: judgeOnly },
    { route: "PUT sheet", method: "PUT", url: () => `/api/jury/rounds/stage2/sheets/${entryId}`, payload: () => sheet(t, 5, false), expect: judgeOnly },
    { route: "POST unlock", method: "POST", url: () => `/api/jury/rounds/stage2/sheets/${entryId}/unlock`, payload: () => ({ judgeId, reason: "Nhập nhầm" }), expect: { ...org, organizer: 409 } },
    { route: "GET sheets-overview", method: "GET", url: () => "/api/jury/rounds/stage2/sheets-overview", expect: org },
    { route: "GET results", method: "GET", url: () => "/api/jury/rounds/stage2/results", expect: org },
    { route: "POST close", method: "POST", url: () => "/api/jury/rounds/stage2/close", payload: () => ({}), expect: { ...org, organizer: 400 } },
    { route: "POST reveal-names", method: "POST", url: () => "/api/jury/rounds/stage2/reveal-names", expect: { ...org, organizer: 409 } },
    { route: "POST finalists", method: "POST", url: () => "/api/jury/rounds/stage2/finalists", payload: () => ({ entryIds: [entryId] }), expect: { ...org, organizer: 409 } },
    { route: "GET finalists.csv", method: "GET", url: () => "/api/jury/rounds/stage2/finalists.csv", expect: { ...org, organizer: 404 } },
    { route: "GET presenter (public)", method: "GET", url: () => "/api/final/presenter", expect: everyone },
    { route: "POST draw", method: "POST", url: () => "/api/final/draw", expect: { ...org, organizer: 409 } },
    { route: "POST present", method: "POST", url: () => "/api/final/present", payload: () => ({ position: 1 }), expect: { ...org, organizer: 400 } },
    { route: "POST reveal", method: "POST", url: () => "/api/final/reveal", expect: { ...org, organizer: 409 } },
    { route: "GET prizes", method: "GET", url: () => "/api/prizes", expect: org },
    { route: "POST prizes/confirm", method: "POST", url: () => "/api/prizes/confirm", payload: () => ({ decisionNumber: "1/QĐ", decisionDate: "2026-06-25" }), expect: { ...org, organizer: 409 } },
    { route: "GET official.csv (public)", method: "GET", url: () => "/api/prizes/official.csv", expect: { anonymous: 404, staff: 404, "unit lead": 404, judge: 404, organizer: 404 } },
    { route: "GET prizes/mine", method: "GET", url: () => "/api/prizes/mine", expect: signedIn },
    { route: "GET honour (public)", method: "GET", url: () => "/api/honour", expect: everyone },
    { route: "GET certificates/mine", method: "GET", url: () => "/api/certificates/mine", expect: signedIn },
    { route: "POST participation certificate", method: "POST", url: () => "/api/certificates/participation", expect: { anonymous: 401, staff: 409, "unit lead": 409, judge: 409, organizer: 409 } },
    { route: "POST certificate revoke", method: "POST", url: () => "/api/certificates/AAAAAAAAAAAAAAAAAAAAAAAA/revoke", payload: () => ({ reason: "Thu hồi" }), expect: { ...org, organizer: 404 } },
    { route: "POST certificate pdf-link", method: "POST", url: () => "/api/certificates/AAAAAAAAAAAAAAAAAAAAAAAA/pdf-link", expect: { anonymous: 401, staff: 404, "unit lead": 404, judge: 404, organizer: 404 } },
    { route: "GET certificate pdf", method: "GET", url: () => "/api/certificates/AAAAAAAAAAAAAAAAAAAAAAAA/pdf", expect: { anonymous: 401, staff: 404, "unit lead": 404, judge: 404, organizer: 404 } },
  ];

  it.each(CASES)("$route", async (c) => {
    const got: Partial<Expect> = {};
    for (const who of WHO) {
      const res = await t.app.inject({ method: c.method, url: c.url(), headers: auth[who], payload: c.payload?.() as object | undefined });
      got[who] = res.statusCode;
    }
    expect(got).toEqual(c.expect);
  });
});

describe.each(DIALECTS)("before the entries feature exists (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it("documents the jury, final, prize and certificate routes in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/jury/rounds/{roundId}/sheets/{entryId}", "/api/final/presenter", "/api/prizes/confirm", "/api/certificates/participation"]));
  });

  it("shows judges and an empty round instead of failing", async () => {
    const o = await person(t, "Ban Tổ Chức", "organizer");
    const j = await person(t, "Giám Khảo", "judge", "SO-NV");
    expect((await t.app.inject({ method: "POST", url: "/api/jury/rounds/stage2/judges", headers: o.auth, payload: { userId: j.id } })).statusCode).toBe(200);
    const judges = await t.app.inject({ method: "GET", url: "/api/jury/rounds/stage2/judges", headers: o.auth });
    expect(judges.json().judges[0]).toMatchObject({ assigned: 0, submitted: 0 });
    const res = await t.app.inject({ method: "GET", url: "/api/jury/rounds/stage2/results", headers: o.auth });
    expect(res.json()).toMatchObject({ complete: false, results: [] });
  });
});
