import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../test/dialects";
import { multipartBody } from "../test/multipart";
import { buildWorld, UNIT_A, WHO, type Who, type World } from "./personas";

/**
 * THE authorisation matrix: every route of the OpenAPI document × every kind of caller → the status
 * it must get. A route without a row fails the first test, by name. Adding a route = adding a row:
 * `"METHOD /api/path/{param}": { url, payload?, expect: <one of the helpers below or a full record> }`.
 * Calls are made in table order with each caller in WHO order (rows may depend on earlier ones).
 */
type Expect = Record<Who, number>;
const all = (s: number): Expect => ({ anonymous: s, staffA: s, staffB: s, leadA: s, leadB: s, judge: s, organizer: s });
const signedIn = (s: number): Expect => ({ ...all(s), anonymous: 401 });
/** Only unit A's lead and organisers (the fixture targets unit A). */
const unitA = (s: number): Expect => ({ anonymous: 401, staffA: 403, staffB: 403, leadA: s, leadB: 403, judge: 403, organizer: s });
const organizers = (s: number): Expect => ({ ...all(403), anonymous: 401, organizer: s });
/** staffA's own test attempt: everyone else is told it does not exist. */
const staffAOwn = (s: number): Expect => ({ ...all(404), anonymous: 401, staffA: s });

type Row = {
  url: (w: World) => string;
  payload?: (w: World) => { body: unknown; headers?: Record<string, string> };
  /** The call ends the session it is made with: use a second session of the caller. */
  ownSession?: boolean;
  expect: Expect;
};
const json = (body: unknown) => () => ({ body });
const roster = () => {
  const m = multipartBody("a.csv", "Họ và tên,Số điện thoại\nNguyễn Văn An,0912345001\nHoàng Văn Cường,0912345002\n");
  return { body: m.payload, headers: m.headers };
};

export const MATRIX: Record<string, Row> = {
  // auth
  "POST /api/auth/zalo": { url: () => "/api/auth/zalo", payload: json({ accessToken: "tok-matrix-0000001" }), expect: all(200) },
  "POST /api/auth/phone": { url: () => "/api/auth/phone", payload: json({ phoneToken: "dev:123" }), expect: signedIn(400) },
  "POST /api/auth/dev": { url: () => "/api/auth/dev", payload: json({ name: "Người Thử" }), expect: all(200) },
  "GET /api/me": { url: () => "/api/me", expect: signedIn(200) },
  "PATCH /api/me": { url: () => "/api/me", payload: json({ position: "Chuyên viên" }), expect: signedIn(200) },
  "PUT /api/users/{id}/role": { url: (w) => `/api/users/${w.target.id}/role`, payload: json({ role: "staff" }), expect: organizers(200) },
  "POST /api/auth/sign-out": { url: () => "/api/auth/sign-out", payload: json({}), ownSession: true, expect: signedIn(200) },
  "POST /api/users/{id}/sessions/revoke": { url: (w) => `/api/users/${w.target.id}/sessions/revoke`, expect: organizers(200) },
  // contest, learning
  "GET /api/health": { url: () => "/api/health", expect: all(200) },
  "GET /api/contest": { url: () => "/api/contest", expect: all(200) },
  "GET /api/lessons": { url: () => "/api/lessons", expect: signedIn(200) },
  "GET /api/lessons/{id}": { url: (w) => `/api/lessons/${w.lessonId}`, expect: signedIn(200) },
  "POST /api/lessons/{id}/progress": { url: (w) => `/api/lessons/${w.lessonId}/progress`, payload: json({ intervals: [[0, 5]], position: 5 }), expect: signedIn(200) },
  // units, rankings, stages, reports
  "GET /api/units": { url: () => "/api/units", expect: all(200) },
  "GET /api/leaderboard": { url: () => "/api/leaderboard?board=commune", expect: signedIn(200) },
  "GET /api/units/{code}/dashboard": { url: () => `/api/units/${UNIT_A}/dashboard`, expect: unitA(200) },
  "POST /api/units/{code}/roster": { url: () => `/api/units/${UNIT_A}/roster`, payload: roster, expect: unitA(200) },
  "GET /api/units/{code}/report.xlsx": { url: () => `/api/units/${UNIT_A}/report.xlsx`, expect: unitA(200) },
  "POST /api/units/{code}/report-link": { url: () => `/api/units/${UNIT_A}/report-link`, expect: unitA(200) },
  "GET /api/units/{code}/members": { url: () => `/api/units/${UNIT_A}/members`, expect: unitA(200) },
  // staffA is on A's list already (409); everyone else may ask to join.
  "POST /api/units/{code}/claims": { url: () => `/api/units/${UNIT_A}/claims`, payload: json({ note: "Tôi công tác tại đây" }), expect: { ...signedIn(200), staffA: 409 } },
  "GET /api/units/{code}/claims": { url: () => `/api/units/${UNIT_A}/claims`, expect: unitA(200) },
  // Allowed callers get past authorisation to "no such claim".
  "POST /api/units/{code}/claims/{id}/decision": { url: () => `/api/units/${UNIT_A}/claims/nope/decision`, payload: json({ approve: true }), expect: unitA(404) },
  "GET /api/me/unit-status": { url: () => "/api/me/unit-status", expect: signedIn(200) },
  "GET /api/stages/{stageId}/result": { url: () => "/api/stages/stage1/result", expect: signedIn(200) },
  // Stage 1 is open: organisers get past authorisation to "not yet".
  "POST /api/stages/{stageId}/close": { url: () => "/api/stages/stage1/close", expect: organizers(409) },
  "POST /api/stages/{stageId}/qualifiers": { url: () => "/api/stages/stage1/qualifiers", payload: json({ unitCodes: [] }), expect: organizers(409) },
  "GET /api/stages/{stageId}/snapshot.csv": { url: () => "/api/stages/stage1/snapshot.csv", expect: all(404) },
  "GET /api/reports/city.xlsx": { url: () => "/api/reports/city.xlsx", expect: organizers(200) },
  "POST /api/reports/city-link": { url: () => "/api/reports/city-link", expect: organizers(200) },
  "GET /api/audit": { url: () => "/api/audit", expect: organizers(200) },
  // reminders
  "GET /api/inbox": { url: () => "/api/inbox", expect: signedIn(200) },
  "GET /api/inbox/unread-count": { url: () => "/api/inbox/unread-count", expect: signedIn(200) },
  "POST /api/inbox/{id}/read": { url: () => "/api/inbox/nope/read", expect: signedIn(404) },
  "POST /api/inbox/read-all": { url: () => "/api/inbox/read-all", expect: signedIn(200) },
  // A lead nudges only their own unit's people (staffA is in unit A).
  "POST /api/reminders/nudge": { url: () => "/api/reminders/nudge", payload: (w) => ({ body: { userIds: [w.users.staffA.id] } }), expect: { ...all(403), anonymous: 401, leadA: 200, organizer: 200 } },
  "POST /api/reminders/test": { url: () => "/api/reminders/test", payload: (w) => ({ body: { ruleId: w.ruleId } }), expect: organizers(200) },
  "GET /api/reminders/overview": { url: () => "/api/reminders/overview", expect: organizers(200) },
  // quiz
  "GET /api/quiz": { url: () => "/api/quiz", expect: signedIn(200) },
  "GET /api/quiz/attempts": { url: () => "/api/quiz/attempts", expect: signedIn(200) },
  "POST /api/quiz/attempts": { url: () => "/api/quiz/attempts", expect: { ...signedIn(403), staffA: 200 } },
  "GET /api/quiz/attempts/{id}": { url: (w) => `/api/quiz/attempts/${w.attemptId}`, expect: staffAOwn(200) },
  "PUT /api/quiz/attempts/{id}/answers/{questionId}": { url: (w) => `/api/quiz/attempts/${w.attemptId}/answers/${w.questionId}`, payload: json({ optionId: "a", seq: 1 }), expect: staffAOwn(200) },
  "POST /api/quiz/attempts/{id}/events": { url: (w) => `/api/quiz/attempts/${w.attemptId}/events`, payload: json({ kind: "paused" }), expect: staffAOwn(200) },
  "POST /api/quiz/attempts/{id}/submit": { url: (w) => `/api/quiz/attempts/${w.attemptId}/submit`, expect: staffAOwn(200) },
  // Before Stage 1 closes the review is refused (REVIEW_NOT_AVAILABLE) to its owner.
  "GET /api/quiz/attempts/{id}/review": { url: (w) => `/api/quiz/attempts/${w.attemptId}/review`, expect: staffAOwn(403) },
};

/** "METHOD /path/{param}" of every operation in the app's OpenAPI document. */
export function openApiRoutes(w: World): string[] {
  const doc = (w.t.app as unknown as { swagger(): { paths: Record<string, Record<string, unknown>> } }).swagger();
  return Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
}

describe.each(DIALECTS)("authorisation matrix on %s", (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(dialect);
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it("has exactly one row per route of the OpenAPI document", () => {
    const routes = openApiRoutes(w);
    const missing = routes.filter((r) => !(r in MATRIX));
    const stale = Object.keys(MATRIX).filter((r) => !routes.includes(r));
    expect(missing, `Routes without a row in MATRIX (src/server/security/authz-matrix.test.ts): ${missing.join(", ")}`).toEqual([]);
    expect(stale, `Rows for routes that no longer exist: ${stale.join(", ")}`).toEqual([]);
    console.info(`${dialect}: authorisation matrix ${routes.length} routes × ${WHO.length} callers = ${routes.length * WHO.length} checks`);
  });

  it.each(Object.entries(MATRIX))("%s", async (_route, row) => {
    const got = {} as Record<Who, number>;
    for (const who of WHO) {
      const payload = row.payload?.(w);
      const method = _route.split(" ")[0] as "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
      const res = await w.t.app.inject({
        method,
        url: row.url(w),
        headers: { ...payload?.headers, ...(row.ownSession ? w.freshAuth(who) : w.auth(who)) },
        payload: payload?.body as string | object | Buffer | undefined,
      });
      got[who] = res.statusCode;
      if (res.statusCode >= 400) expect(res.json().error.code, `${_route} as ${who}`).toMatch(/^[A-Z_]+$/);
    }
    expect(got).toEqual(row.expect);
  });
});
