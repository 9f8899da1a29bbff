import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../test/dialects";
import { multipartBody } from "../test/multipart";
import { attachJudgeFixture, buildWorld, UNIT_A, WHO, type Who, type World } from "./personas";

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

/** A unit's Stage-2 entry (unit A): its lead and organisers read it; staff of A only once invited. */
const entryReaders = (s: number): Expect => ({ ...all(403), anonymous: 401, leadA: s, organizer: s });
/** Only unit A's lead edits A's entry (organisers read, never edit). */
const entryWriters = (s: number): Expect => ({ ...all(403), anonymous: 401, leadA: s });
const ROUND = "stage2";

type Row = {
  url: (w: World) => string;
  payload?: (w: World) => { body: unknown; headers?: Record<string, string> };
  /** The call ends the session it is made with: use a second session of the caller. */
  ownSession?: boolean;
  /** Runs once before the row's calls: fixtures that must not disturb the rows above it (ids go in w.fx). */
  setup?: (w: World) => Promise<void>;
  expect: Expect;
};
const json = (body: unknown) => () => ({ body });
const roster = () => {
  const m = multipartBody("a.csv", "Họ và tên,Số điện thoại\nNguyễn Văn An,0912345001\nHoàng Văn Cường,0912345002\n");
  return { body: m.payload, headers: m.headers };
};

const bankUpload = () => {
  const m = multipartBody("bank.csv", "không,phải,ngân,hàng\n1,2,3,4\n");
  return { body: m.payload, headers: m.headers };
};

const pdfUpload = () => {
  const m = multipartBody("a.pdf", "%PDF-1.4\n%matrix\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "application/pdf");
  return { body: m.payload, headers: m.headers };
};

export const MATRIX: Record<string, Row> = {
  // auth
  "POST /api/auth/zalo": { url: () => "/api/auth/zalo", payload: json({ accessToken: "tok-matrix-0000001" }), expect: all(200) },
  "POST /api/auth/phone": { url: () => "/api/auth/phone", payload: json({ phoneToken: "dev:123" }), expect: signedIn(400) },
  "POST /api/auth/dev": { url: () => "/api/auth/dev", payload: json({ name: "Người Thử" }), expect: all(200) },
  "GET /api/me": { url: () => "/api/me", expect: signedIn(200) },
  "PATCH /api/me": { url: () => "/api/me", payload: json({ position: "Chuyên viên" }), expect: signedIn(200) },
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
  // staffA is on A's list already and leadA leads A (409); everyone else may ask to join.
  "POST /api/units/{code}/claims": { url: () => `/api/units/${UNIT_A}/claims`, payload: json({ note: "Tôi công tác tại đây" }), expect: { ...signedIn(200), staffA: 409, leadA: 409 } },
  "GET /api/units/{code}/claims": { url: () => `/api/units/${UNIT_A}/claims`, expect: unitA(200) },
  // Allowed callers get past authorisation to "no such claim".
  "POST /api/units/{code}/claims/{id}/decision": { url: () => `/api/units/${UNIT_A}/claims/nope/decision`, payload: json({ approve: true }), expect: unitA(404) },
  "GET /api/me/unit-status": { url: () => "/api/me/unit-status", expect: signedIn(200) },
  // Held roster changes and official headcounts: organisers only (nothing is held before the freeze; "nope" does not exist).
  "GET /api/roster-changes": { url: () => "/api/roster-changes", expect: organizers(200) },
  "POST /api/roster-changes/{id}/decision": { url: () => "/api/roster-changes/nope/decision", payload: json({ approve: true, reason: "Kiểm thử duyệt danh sách" }), expect: organizers(404) },
  "PUT /api/units/{code}/headcount": { url: () => `/api/units/${UNIT_A}/headcount`, payload: json({ headcount: null, reason: "Kiểm thử số cán bộ" }), expect: organizers(200) },
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
  "POST /api/quiz/attempts/{id}/answers": { url: (w) => `/api/quiz/attempts/${w.attemptId}/answers`, payload: (w) => ({ body: { answers: [{ questionId: w.questionId, optionId: "b", seq: 2 }] } }), expect: staffAOwn(200) },
  "POST /api/quiz/attempts/{id}/events": { url: (w) => `/api/quiz/attempts/${w.attemptId}/events`, payload: json({ kind: "paused" }), expect: staffAOwn(200) },
  "POST /api/quiz/attempts/{id}/submit": { url: (w) => `/api/quiz/attempts/${w.attemptId}/submit`, expect: staffAOwn(200) },
  // Before Stage 1 closes the review is refused (REVIEW_NOT_AVAILABLE) to its owner.
  "GET /api/quiz/attempts/{id}/review": { url: (w) => `/api/quiz/attempts/${w.attemptId}/review`, expect: staffAOwn(403) },
  // quiz item analysis; weak topics are unit-scoped like the dashboard
  "GET /api/quiz/item-analysis": { url: () => "/api/quiz/item-analysis", expect: organizers(200) },
  "GET /api/quiz/item-analysis.xlsx": { url: () => "/api/quiz/item-analysis.xlsx", expect: organizers(200) },
  "GET /api/units/{code}/weak-topics": { url: () => `/api/units/${UNIT_A}/weak-topics`, expect: unitA(200) },
  // question bank (organisers only). A file with no usable row is answered with its problem list (no
  // draft made); version 999 and question "nope" do not exist (nothing published or retired here).
  "GET /api/quiz/bank": { url: () => "/api/quiz/bank", expect: organizers(200) },
  "POST /api/quiz/bank/uploads": { url: () => "/api/quiz/bank/uploads", payload: bankUpload, expect: organizers(200) },
  "POST /api/quiz/bank/versions/{version}/publish": { url: () => "/api/quiz/bank/versions/999/publish", expect: organizers(404) },
  "GET /api/quiz/bank/questions": { url: () => "/api/quiz/bank/questions", expect: organizers(200) },
  "GET /api/quiz/bank/questions/{id}": { url: (w) => `/api/quiz/bank/questions/${w.questionId}`, expect: organizers(200) },
  "POST /api/quiz/bank/questions/{id}/retire": { url: () => "/api/quiz/bank/questions/nope/retire", payload: json({ reason: "Kiểm thử loại câu" }), expect: organizers(404) },
  // overrides (organisers only, audited): staffA's attempt is submitted above, "nope" does not exist;
  // the extra attempt goes to the target person; everyone reads their own notices.
  "POST /api/quiz/overrides/attempts/{id}/time": { url: () => "/api/quiz/overrides/attempts/nope/time", payload: json({ minutes: 5, reason: "Kiểm thử cộng giờ" }), expect: organizers(404) },
  "POST /api/quiz/overrides/attempts/{id}/reopen": { url: () => "/api/quiz/overrides/attempts/nope/reopen", payload: json({ minutes: 5, reason: "Kiểm thử mở lại" }), expect: organizers(404) },
  "POST /api/quiz/overrides/attempts/{id}/void": { url: () => "/api/quiz/overrides/attempts/nope/void", payload: json({ reason: "Kiểm thử hủy bài" }), expect: organizers(404) },
  "POST /api/quiz/overrides/people/{userId}/extra-attempt": { url: (w) => `/api/quiz/overrides/people/${w.target.id}/extra-attempt`, payload: json({ reason: "Kiểm thử thêm lượt" }), expect: organizers(200) },
  "GET /api/quiz/overrides/attempts/{id}/focus-events": { url: (w) => `/api/quiz/overrides/attempts/${w.attemptId}/focus-events`, expect: organizers(200) },
  "GET /api/quiz/notices": { url: () => "/api/quiz/notices", expect: signedIn(200) },
  // entries: unit A qualified for the Stage-2 round (the fixture), which is not open yet.
  "GET /api/entries/rounds": { url: () => "/api/entries/rounds", expect: signedIn(200) },
  // A's lead (bound on first open) and organisers read; A's staff only after the lead's invitation.
  "GET /api/entries/{round}/units/{unit}": { url: () => `/api/entries/${ROUND}/units/${UNIT_A}`, expect: entryReaders(200) },
  "GET /api/entries/{round}/units/{unit}/invite-link": { url: () => `/api/entries/${ROUND}/units/${UNIT_A}/invite-link`, expect: entryReaders(200) },
  // A forged invitation is refused to everyone.
  "POST /api/entries/{round}/units/{unit}/join": { url: () => `/api/entries/${ROUND}/units/${UNIT_A}/join`, payload: json({ invite: "forged-invite-0000000000" }), expect: signedIn(403) },
  // Only A's lead writes (organisers never edit): the draft and a file are saved, the rest gets past
  // authorisation to "no such file" / "incomplete" (the form is empty) / "not submitted".
  "PUT /api/entries/{round}/units/{unit}/draft": { url: () => `/api/entries/${ROUND}/units/${UNIT_A}/draft`, payload: json({ baseVersion: 0, draft: {} }), expect: entryWriters(200) },
  "POST /api/entries/{round}/units/{unit}/files": { url: () => `/api/entries/${ROUND}/units/${UNIT_A}/files`, payload: pdfUpload, expect: entryWriters(200) },
  "POST /api/entries/{round}/units/{unit}/upload-token": { url: () => `/api/entries/${ROUND}/units/${UNIT_A}/upload-token`, expect: entryWriters(200) },
  // The single-use upload URL is the credential: a forged one is refused whoever sends it.
  "POST /api/entries/uploads/{token}": { url: () => "/api/entries/uploads/forged-upload-token-000", payload: pdfUpload, expect: all(401) },
  "DELETE /api/entries/{round}/units/{unit}/files/{fileId}": { url: () => `/api/entries/${ROUND}/units/${UNIT_A}/files/nope`, expect: entryWriters(404) },
  "POST /api/entries/{round}/units/{unit}/submit": { url: () => `/api/entries/${ROUND}/units/${UNIT_A}/submit`, payload: json({ version: 1 }), expect: entryWriters(422) },
  "POST /api/entries/{round}/units/{unit}/withdraw": { url: () => `/api/entries/${ROUND}/units/${UNIT_A}/withdraw`, expect: entryWriters(409) },
  // Readers get past authorisation to "not submitted".
  "GET /api/entries/{round}/units/{unit}/receipt.pdf": { url: () => `/api/entries/${ROUND}/units/${UNIT_A}/receipt.pdf`, expect: entryReaders(409) },
  "GET /api/entries/{round}/overview": { url: () => `/api/entries/${ROUND}/overview`, expect: organizers(200) },
  "POST /api/entries/{round}/invitations": { url: () => `/api/entries/${ROUND}/invitations`, expect: organizers(200) },
  "POST /api/entries/{round}/remind": { url: () => `/api/entries/${ROUND}/remind`, expect: organizers(200) },
  "POST /api/entries/{round}/deadline": { url: () => `/api/entries/${ROUND}/deadline`, payload: json({ unit: UNIT_A, until: "2027-06-30T10:00:00+07:00", reason: "Gia hạn để kiểm thử" }), expect: organizers(200) },
  "GET /api/entries/{round}/export.zip": { url: () => `/api/entries/${ROUND}/export.zip`, expect: organizers(200) },
  "GET /api/entries/{round}/index.xlsx": { url: () => `/api/entries/${ROUND}/index.xlsx`, expect: organizers(200) },
  // A link is signed for the caller: the download itself checks the caller's rights (organisers, above).
  "POST /api/entries/download-link": { url: () => "/api/entries/download-link", payload: json({ path: `/api/entries/${ROUND}/export.zip` }), expect: signedIn(200) },
  "POST /api/entries/desktop-sign-in": { url: () => "/api/entries/desktop-sign-in", expect: all(200) },
  "GET /api/entries/desktop-sign-in/{pollToken}": { url: () => "/api/entries/desktop-sign-in/forged-poll-token-00000000", expect: all(410) },
  "POST /api/entries/desktop-sign-in/confirm": { url: () => "/api/entries/desktop-sign-in/confirm", payload: json({ code: "000000" }), expect: signedIn(404) },
  // jury (round 1 = Stage 2): organisers run it; nobody is appointed, so people are "not a judge".
  "GET /api/jury/people": { url: () => "/api/jury/people?q=Nguy", expect: organizers(200) },
  "GET /api/jury/rounds/{roundId}/judges": { url: () => `/api/jury/rounds/${ROUND}/judges`, expect: organizers(200) },
  "POST /api/jury/rounds/{roundId}/judges": { url: () => `/api/jury/rounds/${ROUND}/judges`, payload: (w) => ({ body: { userId: w.target.id } }), expect: organizers(200) },
  "POST /api/jury/rounds/{roundId}/judges/{userId}/revoke": { url: (w) => `/api/jury/rounds/${ROUND}/judges/${w.target.id}/revoke`, payload: json({ reason: "Kiểm thử thu hồi" }), expect: organizers(200) },
  // Anyone signed in sees the qualified units and that they are not appointed; declaring needs an appointment.
  "GET /api/jury/rounds/{roundId}/declaration": { url: () => `/api/jury/rounds/${ROUND}/declaration`, expect: signedIn(200) },
  "POST /api/jury/rounds/{roundId}/declaration": { url: () => `/api/jury/rounds/${ROUND}/declaration`, payload: json({ conflicts: [] }), expect: signedIn(403) },
  "GET /api/jury/rounds/{roundId}/conflicts": { url: () => `/api/jury/rounds/${ROUND}/conflicts`, expect: organizers(200) },
  "POST /api/jury/rounds/{roundId}/conflicts": { url: () => `/api/jury/rounds/${ROUND}/conflicts`, payload: (w) => ({ body: { judgeId: w.users.judge.id, unitCode: UNIT_A, kind: "other", reason: "Kiểm thử xung đột" } }), expect: organizers(404) },
  "GET /api/jury/rounds/{roundId}/conflicts.{format}": { url: () => `/api/jury/rounds/${ROUND}/conflicts.csv`, expect: organizers(200) },
  "GET /api/jury/rounds/{roundId}/sheets": { url: () => `/api/jury/rounds/${ROUND}/sheets`, expect: signedIn(403) },
  "PUT /api/jury/rounds/{roundId}/sheets/{entryId}": { url: () => `/api/jury/rounds/${ROUND}/sheets/nope`, payload: json({ scores: {} }), expect: signedIn(403) },
  "POST /api/jury/rounds/{roundId}/sheets/{entryId}/unlock": { url: () => `/api/jury/rounds/${ROUND}/sheets/nope/unlock`, payload: (w) => ({ body: { judgeId: w.users.judge.id, reason: "Kiểm thử mở lại" } }), expect: organizers(404) },
  "GET /api/jury/rounds/{roundId}/sheets-overview": { url: () => `/api/jury/rounds/${ROUND}/sheets-overview`, expect: organizers(200) },
  "GET /api/jury/rounds/{roundId}/results": { url: () => `/api/jury/rounds/${ROUND}/results`, expect: organizers(200) },
  "POST /api/jury/rounds/{roundId}/close": { url: () => `/api/jury/rounds/${ROUND}/close`, payload: json({}), expect: organizers(409) },
  "POST /api/jury/rounds/{roundId}/reveal-names": { url: () => `/api/jury/rounds/${ROUND}/reveal-names`, expect: organizers(409) },
  "POST /api/jury/rounds/stage2/finalists": { url: () => "/api/jury/rounds/stage2/finalists", payload: json({ entryIds: ["nope"] }), expect: organizers(409) },
  "GET /api/jury/rounds/stage2/finalists.csv": { url: () => "/api/jury/rounds/stage2/finalists.csv", expect: organizers(404) },
  // The conflicts list's signed link: organisers only (the file itself is organisers only, above).
  "POST /api/jury/rounds/{roundId}/conflicts-link": { url: () => `/api/jury/rounds/${ROUND}/conflicts-link`, payload: json({ format: "csv" }), expect: organizers(200) },
  // Blind files: from here the judge is appointed and declared a conflict with unit B; two other units'
  // entries are submitted with a file each. Only the judge opens the clean entry's file — organisers
  // and everyone else are not judges of the round (403).
  "GET /api/jury/rounds/{roundId}/entries/{entryId}/files/{fileId}": {
    setup: attachJudgeFixture,
    url: (w) => `/api/jury/rounds/${ROUND}/entries/${w.fx.cleanEntry}/files/${w.fx.cleanFile}`,
    expect: { ...all(403), anonymous: 401, judge: 200 },
  },
  // ... and no link to the conflicted entry's file, not even for the judge.
  "POST /api/jury/rounds/{roundId}/entries/{entryId}/files/{fileId}/link": { url: (w) => `/api/jury/rounds/${ROUND}/entries/${w.fx.conflictedEntry}/files/${w.fx.conflictedFile}/link`, expect: signedIn(403) },
  "GET /api/final/presenter": { url: () => "/api/final/presenter", expect: all(200) },
  "POST /api/final/draw": { url: () => "/api/final/draw", expect: organizers(409) },
  "POST /api/final/present": { url: () => "/api/final/present", payload: json({ position: 1, minutes: 5 }), expect: organizers(400) },
  "POST /api/final/reveal": { url: () => "/api/final/reveal", expect: organizers(409) },
  "GET /api/prizes": { url: () => "/api/prizes", expect: organizers(200) },
  "POST /api/prizes/confirm": { url: () => "/api/prizes/confirm", payload: json({ decisionNumber: "12/QĐ-BTC", decisionDate: "2026-12-01" }), expect: organizers(409) },
  "GET /api/prizes/official.{format}": { url: () => "/api/prizes/official.csv", expect: all(404) },
  "GET /api/prizes/mine": { url: () => "/api/prizes/mine", expect: signedIn(200) },
  "GET /api/honour": { url: () => "/api/honour", expect: all(200) },
  // certificates: staffA finished (lessons + the test submitted above); nobody else has.
  "GET /api/certificates/mine": { url: () => "/api/certificates/mine", expect: signedIn(200) },
  "POST /api/certificates/participation": { url: () => "/api/certificates/participation", expect: { ...signedIn(409), staffA: 200 } },
  "GET /api/certificates/{id}/pdf": { url: () => "/api/certificates/AAAAAAAAAAAAAAAAAAAA/pdf", expect: signedIn(404) },
  "POST /api/certificates/{id}/revoke": { url: () => "/api/certificates/AAAAAAAAAAAAAAAAAAAA/revoke", payload: json({ reason: "Kiểm thử thu hồi" }), expect: organizers(404) },
  // staffA's own certificate (issued above): its owner and organisers get a link, nobody else.
  "POST /api/certificates/{id}/pdf-link": {
    setup: async (w) => {
      const mine = await w.t.app.inject({ method: "GET", url: "/api/certificates/mine", headers: w.auth("staffA") });
      w.fx.certificate = (mine.json() as { certificates: { id: string; kind: string }[] }).certificates.find((c) => c.kind === "participation")!.id;
    },
    url: (w) => `/api/certificates/${w.fx.certificate}/pdf-link`,
    expect: { ...all(403), anonymous: 401, staffA: 200, organizer: 200 },
  },
  // people console: organisers; a unit lead may only set roles of their own unit's people (staffA is in A).
  "GET /api/people": { url: () => "/api/people?q=Nguy", expect: organizers(200) },
  "GET /api/people/{id}": { url: (w) => `/api/people/${w.target.id}`, expect: organizers(200) },
  "POST /api/people/{id}/role": { url: (w) => `/api/people/${w.users.staffA.id}/role`, payload: json({ role: "staff", reason: "Kiểm thử vai trò" }), expect: unitA(200) },
  "POST /api/people/merge": { url: () => "/api/people/merge", payload: json({ keepId: "nope-keep", mergeId: "nope-merged", reason: "Kiểm thử gộp" }), expect: organizers(404) },
  // personal data: everyone signed in sees, exports and asks about their own; organisers handle requests.
  "GET /api/privacy/notice": { url: () => "/api/privacy/notice", expect: all(200) },
  "GET /api/privacy/me": { url: () => "/api/privacy/me", expect: signedIn(200) },
  "GET /api/privacy/me/export.json": { url: () => "/api/privacy/me/export.json", expect: signedIn(200) },
  "GET /api/privacy/me/export.xlsx": { url: () => "/api/privacy/me/export.xlsx", expect: signedIn(200) },
  "POST /api/privacy/me/export-link": { url: () => "/api/privacy/me/export-link", payload: json({ format: "json" }), expect: signedIn(200) },
  "POST /api/privacy/me/requests": { url: () => "/api/privacy/me/requests", payload: json({ kind: "correct", note: "Sửa chức vụ giúp tôi" }), expect: signedIn(200) },
  "GET /api/privacy/requests": { url: () => "/api/privacy/requests", expect: organizers(200) },
  "POST /api/privacy/requests/{id}/decision": { url: () => "/api/privacy/requests/nope/decision", payload: json({ action: "reject", response: "Kiểm thử từ chối" }), expect: organizers(404) },
  "GET /api/privacy/retention": { url: () => "/api/privacy/retention", expect: organizers(200) },
  // Retention is not due during the contest: organisers get past authorisation to "not yet".
  "POST /api/privacy/retention/run": { url: () => "/api/privacy/retention/run", expect: organizers(409) },
  "GET /api/privacy/settings": { url: () => "/api/privacy/settings", expect: organizers(200) },
  "PUT /api/privacy/settings": { url: () => "/api/privacy/settings", payload: json({ reportStaffPhones: false }), expect: organizers(200) },
  // demo (AUTH_DEV only: the routes do not exist otherwise). Last: completing lessons changes who may start the test.
  "GET /api/demo/clock": { url: () => "/api/demo/clock", expect: signedIn(200) },
  "POST /api/demo/clock": { url: () => "/api/demo/clock", payload: json({ reset: true }), expect: organizers(200) },
  "GET /api/demo/accounts": { url: () => "/api/demo/accounts", expect: all(200) },
  "POST /api/demo/accounts/{id}/session": { url: (w) => `/api/demo/accounts/${w.target.id}/session`, expect: all(200) },
  "POST /api/demo/complete-lessons": { url: () => "/api/demo/complete-lessons", expect: signedIn(200) },
  // Demo only: a unit's own lead puts their unit on the round's list (B's lead adds B); others may not.
  "POST /api/entries/{round}/demo-qualify": { url: () => `/api/entries/${ROUND}/demo-qualify`, expect: { ...all(403), anonymous: 401, leadA: 200, leadB: 200 } },
  // Demo only, organisers: appoints judges and fills sheets, so it runs last.
  "POST /api/jury/rounds/{roundId}/demo-fill": { url: () => `/api/jury/rounds/${ROUND}/demo-fill`, expect: organizers(200) },
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
    await row.setup?.(w);
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
