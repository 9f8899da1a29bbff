import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { api, person, QUALIFIED, scoreAll, setupRound1, sheet } from "./jury.test-helpers";

describe.each(DIALECTS)("jury round 1 (%s)", (dialect) => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof setupRound1>>;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    s = await setupRound1(t);
  });
  afterAll(async () => t?.close());

  it("lets only organisers appoint, search and see progress; a non-appointed person is refused", async () => {
    const staff = await person(t, "Cán Bộ Thường", "staff", "10525");
    expect((await api(t, "POST", "/api/jury/rounds/stage2/judges", staff.auth, { userId: staff.id })).status).toBe(403);
    expect((await api(t, "POST", "/api/jury/rounds/stage2/judges", undefined, { userId: staff.id })).status).toBe(401);
    expect((await api(t, "GET", "/api/jury/rounds/stage2/judges", s.j1.auth)).status).toBe(403);
    expect((await api(t, "GET", "/api/jury/people?q=Giám", staff.auth)).status).toBe(403);
    const found = (await api(t, "GET", "/api/jury/people?q=giám khảo", s.org.auth)).json().people;
    expect(found.map((p: { name: string }) => p.name).sort()).toEqual(["Giám Khảo Ba", "Giám Khảo Hai", "Giám Khảo Một"]);
    await person(t, "Đặng Thị Ánh", "staff", "SO-XD");
    const accented = (await api(t, "GET", `/api/jury/people?q=${encodeURIComponent("đặng thị")}`, s.org.auth)).json().people;
    expect(accented.map((p: { name: string }) => p.name)).toEqual(["Đặng Thị Ánh"]);
    const r = await api(t, "GET", "/api/jury/rounds/stage2/sheets", staff.auth);
    expect([r.status, r.json().error.code]).toEqual([403, "JUDGE_NOT_APPOINTED"]);
  });

  it("shows no entry before the judge declares conflicts; the own unit is conflicted automatically", async () => {
    const r = await api(t, "GET", "/api/jury/rounds/stage2/sheets", s.j1.auth);
    expect([r.status, r.json().error.code]).toEqual([409, "DECLARATION_REQUIRED"]);
    const view = (await api(t, "GET", "/api/jury/rounds/stage2/declaration", s.j1.auth)).json();
    expect(view.units).toHaveLength(11);
    expect(view.units.find((u: { unitCode: string }) => u.unitCode === "10507")).toMatchObject({ conflicted: true, kind: "own_unit", automatic: true });
    const bad = await api(t, "POST", "/api/jury/rounds/stage2/declaration", s.j2.auth, { conflicts: [{ unitCode: "SO-XD", kind: "family" }] });
    expect([bad.status, bad.json().error.code]).toEqual([400, "UNIT_UNKNOWN"]);
    expect((await api(t, "POST", "/api/jury/rounds/stage2/declaration", s.j1.auth, { conflicts: [] })).status).toBe(200);
    expect((await api(t, "POST", "/api/jury/rounds/stage2/declaration", s.j2.auth, { conflicts: [{ unitCode: "10525", kind: "worked_there", reason: "Công tác đến 2024" }] })).status).toBe(200);
    expect((await api(t, "POST", "/api/jury/rounds/stage2/declaration", s.j3.auth, { conflicts: [] })).status).toBe(200);
  });

  it("is blind: judges see codes, titles and file names of non-conflicted entries only", async () => {
    const r = await api(t, "GET", "/api/jury/rounds/stage2/sheets", s.j1.auth);
    expect(r.status).toBe(200);
    const entries = r.json().entries as { entryId: string; entryCode: string; files: unknown[] }[];
    expect(entries).toHaveLength(10);
    const own = s.entries.find((e) => e.unitCode === "10507")!;
    expect(entries.some((e) => e.entryId === own.entryId)).toBe(false);
    for (const code of QUALIFIED) expect(r.body).not.toContain(code);
    for (const unit of t.pack.units.filter((u) => QUALIFIED.includes(u.code))) expect(r.body).not.toContain(unit.fullName);
    expect(r.body).not.toMatch(/unitCode|representative|Người đại diện|sha256/);
    expect(entries[0]!.files).toHaveLength(1);
    expect((await api(t, "GET", "/api/jury/rounds/stage2/sheets", s.j2.auth)).json().entries).toHaveLength(10);
    expect((await api(t, "GET", "/api/jury/rounds/stage2/sheets", s.j3.auth)).json().entries).toHaveLength(11);
    const hidden = await api(t, "PUT", `/api/jury/rounds/stage2/sheets/${own.entryId}`, s.j1.auth, sheet(t, 5));
    expect(hidden.status).toBe(404);
  });

  it("validates steps and requires a comment at the extremes on submit; drafts may be partial", async () => {
    const e = s.entries[0]!;
    const key = t.pack.jury.rubric[0]!.key;
    expect((await api(t, "PUT", `/api/jury/rounds/stage2/sheets/${e.entryId}`, s.j3.auth, { scores: { [key]: { score: 9.5 } }, submit: false })).status).toBe(200);
    const off = await api(t, "PUT", `/api/jury/rounds/stage2/sheets/${e.entryId}`, s.j3.auth, { scores: { [key]: { score: 7.3 } } });
    expect(off.status).toBe(400);
    const full = sheet(t, 9.5);
    delete (full.scores[key] as { comment?: string }).comment;
    const noComment = await api(t, "PUT", `/api/jury/rounds/stage2/sheets/${e.entryId}`, s.j3.auth, full);
    expect(noComment.status).toBe(400);
    expect(Object.keys(noComment.json().error.fields)).toEqual([`scores.${key}.comment`]);
  });

  it("computes nothing until every non-conflicted sheet is in; submitted sheets are locked", async () => {
    await scoreAll(t, s.j1, 1);
    await scoreAll(t, s.j2, 0);
    const partial = (await api(t, "GET", "/api/jury/rounds/stage2/results", s.org.auth)).json();
    expect(partial).toMatchObject({ complete: false, pendingSheets: 11, results: [] });
    await scoreAll(t, s.j3, -1);
    const first = s.entries[0]!;
    const locked = await api(t, "PUT", `/api/jury/rounds/stage2/sheets/${first.entryId}`, s.j3.auth, sheet(t, 3));
    expect([locked.status, locked.json().error.code]).toEqual([409, "SHEET_LOCKED"]);
    const progress = (await api(t, "GET", "/api/jury/rounds/stage2/judges", s.org.auth)).json().judges;
    const byId = Object.fromEntries(progress.map((j: { userId: string; assigned: number; submitted: number }) => [j.userId, [j.assigned, j.submitted]]));
    expect([byId[s.j1.id], byId[s.j2.id], byId[s.j3.id]]).toEqual([[10, 10], [10, 10], [11, 11]]);
    const overview = (await api(t, "GET", "/api/jury/rounds/stage2/sheets-overview", s.org.auth)).json().sheets;
    expect(overview).toHaveLength(31);
    expect(overview.every((x: { status: string }) => x.status === "submitted")).toBe(true);
    expect((await api(t, "GET", "/api/jury/rounds/stage2/sheets-overview", s.j1.auth)).status).toBe(403);
  });

  it("lets an organiser unlock one sheet with a reason; the audit keeps old and new values", async () => {
    const e = s.entries[1]!;
    expect((await api(t, "POST", `/api/jury/rounds/stage2/sheets/${e.entryId}/unlock`, s.j3.auth, { judgeId: s.j3.id, reason: "Nhập nhầm" })).status).toBe(403);
    expect((await api(t, "POST", `/api/jury/rounds/stage2/sheets/${e.entryId}/unlock`, s.org.auth, { judgeId: s.j3.id })).status).toBe(400);
    expect((await api(t, "POST", `/api/jury/rounds/stage2/sheets/${e.entryId}/unlock`, s.org.auth, { judgeId: s.j3.id, reason: "Giám khảo nhập nhầm điểm" })).status).toBe(200);
    expect((await api(t, "GET", "/api/jury/rounds/stage2/results", s.org.auth)).json().complete).toBe(false);
    expect((await api(t, "PUT", `/api/jury/rounds/stage2/sheets/${e.entryId}`, s.j3.auth, sheet(t, 6))).status).toBe(200);
    const audit = (await api(t, "GET", "/api/audit?limit=200", s.org.auth)).json().entries as { action: string; details: Record<string, unknown> }[];
    const unlock = audit.find((a) => a.action === "jury.sheet.unlock")!;
    expect(unlock.details).toMatchObject({ judgeId: s.j3.id, entryId: e.entryId, reason: "Giám khảo nhập nhầm điểm", old: { total: 7 } });
    const resubmit = audit.find((a) => a.action === "jury.sheet.submit" && a.details.entryId === e.entryId && a.details.total === 6)!;
    expect(resubmit).toBeDefined();
    for (const action of ["jury.appoint", "jury.declare"]) expect(audit.some((a) => a.action === action)).toBe(true);
  });

  it("ranks by the judge-centred mean with the checks, then freezes the confirmed finalists", async () => {
    const res = (await api(t, "GET", "/api/jury/rounds/stage2/results", s.org.auth)).json();
    expect(res.complete).toBe(true);
    expect(res.results).toHaveLength(11);
    // Blind until names are revealed.
    expect(res.results.every((r: { unitCode: string | null }) => r.unitCode === null)).toBe(true);
    expect(res.proposedFinalists).toHaveLength(6);
    expect(res.results[0].entryCode).toBe("B01");
    const centred = res.results.map((r: { judgeCentred: number }) => r.judgeCentred);
    expect(centred).toEqual([...centred].sort((a: number, b: number) => b - a));
    // B02 lost a point when its sheet was corrected; every method agrees except around that move.
    expect(res.results.find((r: { entryCode: string }) => r.entryCode === "B02").rank).toBe(3);
    const early = await api(t, "POST", "/api/jury/rounds/stage2/finalists", s.org.auth, { entryIds: res.proposedFinalists });
    expect([early.status, early.json().error.code]).toEqual([409, "ROUND_INCOMPLETE"]);
    expect((await api(t, "POST", "/api/jury/rounds/stage2/close", s.org.auth, {})).status).toBe(200);
    const named = (await api(t, "POST", "/api/jury/rounds/stage2/reveal-names", s.org.auth)).json();
    expect(named.results[0].unitCode).toBe("10507");
    const swapped = [...res.proposedFinalists.slice(0, 5), res.results[6].entryId];
    const noReason = await api(t, "POST", "/api/jury/rounds/stage2/finalists", s.org.auth, { entryIds: swapped });
    expect(noReason.status).toBe(400);
    const ok = await api(t, "POST", "/api/jury/rounds/stage2/finalists", s.org.auth, { entryIds: res.proposedFinalists });
    expect(ok.status).toBe(200);
    const csv = await api(t, "GET", "/api/jury/rounds/stage2/finalists.csv", s.org.auth);
    const { createHash } = await import("node:crypto");
    expect(createHash("sha256").update(csv.body).digest("hex")).toBe(ok.json().snapshot.sha256);
    expect(csv.headers["x-content-sha256"]).toBe(ok.json().snapshot.sha256);
    const again = await api(t, "POST", "/api/jury/rounds/stage2/finalists", s.org.auth, { entryIds: res.proposedFinalists });
    expect([again.status, again.json().error.code]).toEqual([409, "RESULT_FROZEN"]);
    const q = await t.app.ctx.db.selectFrom("qualifierConfirmations").selectAll().where("stageId", "=", "stage2").execute();
    expect(JSON.parse(q[0]!.unitCodes).sort()).toEqual(QUALIFIED.slice(0, 6).sort());
    const late = await api(t, "PUT", `/api/jury/rounds/stage2/sheets/${s.entries[2]!.entryId}`, s.j3.auth, sheet(t, 5));
    expect(late.json().error.code).toBe("ROUND_CLOSED");
  });

  it("exports the conflicts list (CSV and XLSX) for organisers", async () => {
    expect((await api(t, "POST", "/api/jury/rounds/stage2/conflicts", s.org.auth, { judgeId: s.j3.id, unitCode: "10532", kind: "family", reason: "Vợ công tác tại đơn vị" })).status).toBe(200);
    const list = (await api(t, "GET", "/api/jury/rounds/stage2/conflicts", s.org.auth)).json().conflicts;
    expect(list.map((c: { unitCode: string; source: string }) => `${c.unitCode}:${c.source}`).sort()).toEqual(["10507:auto", "10525:judge", "10532:organizer"]);
    const csv = await api(t, "GET", "/api/jury/rounds/stage2/conflicts.csv", s.org.auth);
    expect(csv.body).toContain("Vợ công tác tại đơn vị");
    expect((await api(t, "GET", "/api/jury/rounds/stage2/conflicts.xlsx", s.org.auth)).status).toBe(200);
    expect((await api(t, "GET", "/api/jury/rounds/stage2/conflicts.csv", s.j1.auth)).status).toBe(403);
  });
});
