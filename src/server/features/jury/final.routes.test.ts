import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { insertSubmittedEntries } from "../../test/entries-fixture";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { api, person, type Person, QUALIFIED, scoreAll, setupRound1 } from "./jury.test-helpers";

const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");

describe.each(DIALECTS)("the final, prizes and the honour page (%s)", (dialect) => {
  let t: TestApp;
  let org: Person;
  let judges: Person[];
  let finalists: string[];
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const s = await setupRound1(t);
    org = s.org;
    for (const j of [s.j1, s.j2, s.j3]) await api(t, "POST", "/api/jury/rounds/stage2/declaration", j.auth, { conflicts: [] });
    await scoreAll(t, s.j1, 0);
    await scoreAll(t, s.j2, 0);
    await scoreAll(t, s.j3, 0);
    await api(t, "POST", "/api/jury/rounds/stage2/close", org.auth, {});
    const res = (await api(t, "GET", "/api/jury/rounds/stage2/results", org.auth)).json();
    const ok = await api(t, "POST", "/api/jury/rounds/stage2/finalists", org.auth, { entryIds: res.proposedFinalists });
    if (ok.status !== 200) throw new Error(ok.body);
    finalists = QUALIFIED.slice(0, 6);
    await insertSubmittedEntries(t.app.ctx.db, "stage3", finalists);
    judges = [];
    for (let i = 0; i < 5; i++) {
      const j = await person(t, `Giám Khảo Chung Kết ${i + 1}`, "judge", "SO-TC");
      await api(t, "POST", "/api/jury/rounds/stage3/judges", org.auth, { userId: j.id });
      await api(t, "POST", "/api/jury/rounds/stage3/declaration", j.auth, { conflicts: [] });
      judges.push(j);
    }
  });
  afterAll(async () => t?.close());

  it("draws the presentation order once, publicly, with a seed that replays it", async () => {
    expect((await api(t, "POST", "/api/final/draw", judges[0]!.auth)).status).toBe(403);
    const drawn = await api(t, "POST", "/api/final/draw", org.auth);
    expect(drawn.status).toBe(200);
    const view = drawn.json();
    const { drawOrder } = await import("../../../domain/jury/final");
    const names = drawOrder(finalists, view.seed).map((c) => t.pack.units.find((u) => u.code === c)!.name);
    expect(view.order.map((o: { unitName: string }) => o.unitName)).toEqual(names);
    expect((await api(t, "POST", "/api/final/draw", org.auth)).json().error.code).toBe("RESULT_FROZEN");
    const onStage = await api(t, "POST", "/api/final/present", org.auth, { position: 1, minutes: 7 });
    const cur = onStage.json().current;
    expect(cur.unitName).toBe(names[0]);
    expect(Date.parse(cur.countdownEndsAt) - t.clock.now().getTime()).toBe(7 * 60_000);
    // Public for the hall's screen: nothing is revealed yet.
    const pub = (await api(t, "GET", "/api/final/presenter")).json();
    expect(pub.revealed).toEqual([]);
    expect(pub.order).toHaveLength(6);
  });

  it("scores the finalists only, closes with a reason when a sheet is missing, reveals from 6th to 1st", async () => {
    const visible = (await api(t, "GET", "/api/jury/rounds/stage3/sheets", judges[0]!.auth)).json().entries;
    expect(visible).toHaveLength(6);
    for (const [i, j] of judges.entries()) await scoreAll(t, j, i === 4 ? -3 : 0, "stage3", i === 4 ? [visible[5].entryId] : []);
    expect((await api(t, "POST", "/api/final/reveal", org.auth)).json().error.code).toBe("ROUND_INCOMPLETE");
    expect((await api(t, "POST", "/api/jury/rounds/stage3/close", org.auth, {})).status).toBe(400);
    expect((await api(t, "POST", "/api/jury/rounds/stage3/close", org.auth, { reason: "Giám khảo 5 mất kết nối khi chấm" })).status).toBe(200);
    const seen: number[][] = [];
    for (let k = 0; k < 7; k++) seen.push((await api(t, "POST", "/api/final/reveal", org.auth)).json().revealed.map((r: { rank: number }) => r.rank));
    expect(seen.slice(0, 3)).toEqual([[6], [6, 5], [6, 5, 4]]);
    expect(seen[6]).toEqual([6, 5, 4, 3, 2, 1]);
    // Five judges: the lowest (harsh judge 5) and highest are dropped.
    const top = (await api(t, "GET", "/api/final/presenter")).json().revealed.at(-1);
    expect(top).toMatchObject({ rank: 1, trimmedMean: 8.5 });
  });

  it("allocates prizes by the pack, freezes the official result and issues certificates", async () => {
    const unitLead = await person(t, "Lãnh Đạo Đơn Vị", "unit_lead", QUALIFIED[9]);
    expect((await api(t, "GET", "/api/prizes/mine", unitLead.auth)).json()).toEqual({ published: false, award: null });
    const view = (await api(t, "GET", "/api/prizes", org.auth)).json();
    expect(view.proposed.map((a: { prizeName: string }) => a.prizeName)).toEqual(["Giải Nhất", "Giải Nhì", "Giải Nhì", "Giải Ba", "Giải Ba", "Giải Ba", ...Array(5).fill("Giải Khuyến khích")]);
    expect(new Set(view.proposed.slice(6).map((a: { unitCode: string }) => a.unitCode))).toEqual(new Set(QUALIFIED.slice(6)));
    expect((await api(t, "POST", "/api/prizes/confirm", org.auth, { decisionNumber: "", decisionDate: "2026-06-25" })).status).toBe(400);
    const done = await api(t, "POST", "/api/prizes/confirm", org.auth, { decisionNumber: "125/QĐ-SKHCN", decisionDate: "2026-06-25" });
    expect(done.status).toBe(200);
    const official = done.json().official;
    expect(official.awards.every((a: { certificateId: string }) => /^[A-Za-z0-9_-]{24}$/.test(a.certificateId))).toBe(true);
    const csv = await api(t, "GET", "/api/prizes/official.csv");
    expect(sha(csv.body)).toBe(official.sha256);
    expect(csv.body).toContain("125/QĐ-SKHCN");
    const xlsx = await t.app.inject({ method: "GET", url: "/api/prizes/official.xlsx" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getCell("A1").value).toContain("125/QĐ-SKHCN");
    const pdf = await t.app.inject({ method: "GET", url: "/api/prizes/official.pdf" });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.rawPayload.toString("latin1")).toContain("DejaVuSerif");
    expect((await api(t, "POST", "/api/prizes/confirm", org.auth, { decisionNumber: "126", decisionDate: "2026-06-26" })).json().error.code).toBe("RESULT_FROZEN");
    const mine = (await api(t, "GET", "/api/prizes/mine", unitLead.auth)).json();
    expect(mine.award.prizeName).toBe("Giải Khuyến khích");
    const cert = await api(t, "GET", `/api/certificates/${mine.award.certificateId}/pdf`, unitLead.auth);
    expect(cert.status).toBe(200);
    const other = await person(t, "Người Khác", "staff", "SO-XD");
    expect((await api(t, "GET", `/api/certificates/${mine.award.certificateId}/pdf`, other.auth)).status).toBe(403);
    const honour = (await api(t, "GET", "/api/honour")).json();
    expect(honour.awards).toHaveLength(11);
    expect(honour.gallery).toEqual([]);
    expect((await api(t, "GET", "/vinh-danh")).body).toContain("Giải Nhất");
    const audit = (await api(t, "GET", "/api/audit?limit=500", org.auth)).json().entries.map((a: { action: string }) => a.action);
    for (const action of ["jury.final.draw", "jury.final.reveal", "jury.round.close", "jury.prizes.confirm", "certificate.issue", "jury.finalists.confirm"]) expect(audit).toContain(action);
  });

  it("shows a winner's whole entry in the \"AI at work\" gallery only with the unit's publish consent from the entry form", async () => {
    const consenting = QUALIFIED[9]!;
    const declining = QUALIFIED[8]!;
    const full = (n: string) => ({ problem: `Vấn đề ${n}: hồ sơ tồn đọng`, aiTools: "Trợ lý AI soạn thảo", method: `Cách làm ${n}`, hoursSaved: "120", results: `Kết quả ${n}: giảm 40% thời gian`, replication: "" });
    // What a submission freezes: the form's fields and, in the representative JSON, the separate publish consent.
    for (const [unitCode, publishConsent] of [[consenting, true], [declining, false]] as const) {
      const e = await t.app.ctx.db.selectFrom("entries").select(["submittedVersionId"]).where("roundId", "=", "stage2").where("unitCode", "=", unitCode).executeTakeFirstOrThrow();
      const v = await t.app.ctx.db.selectFrom("entryVersions").select(["fieldsJson"]).where("id", "=", e.submittedVersionId!).executeTakeFirstOrThrow();
      await t.app.ctx.db
        .updateTable("entryVersions")
        .set({ fieldsJson: JSON.stringify({ ...JSON.parse(v.fieldsJson), ...full(unitCode) }), representativeJson: JSON.stringify({ fullName: "Người Đại Diện", phone: "0912345678", consent: true, publishConsent, videoUrl: "" }) })
        .where("id", "=", e.submittedVersionId!)
        .execute();
    }
    const honour = (await api(t, "GET", "/api/honour")).json();
    expect(honour.awards).toHaveLength(11);
    expect(honour.gallery).toHaveLength(1);
    const unitName = t.pack.units.find((u) => u.code === consenting)!.name;
    expect(honour.gallery[0]).toMatchObject({ prizeName: "Giải Khuyến khích", unitName, title: expect.stringContaining("Trợ lý AI") });
    // The other form fields with the pack's labels, in the form's order; empty ones left out; never the representative.
    expect(honour.gallery[0].fields).toEqual([
      { key: "problem", label: "Vấn đề cần giải quyết", value: `Vấn đề ${consenting}: hồ sơ tồn đọng` },
      { key: "aiTools", label: "Công cụ AI đã dùng", value: "Trợ lý AI soạn thảo" },
      { key: "method", label: "Cách thực hiện", value: `Cách làm ${consenting}` },
      { key: "hoursSaved", label: "Số giờ công tiết kiệm mỗi tháng", value: "120" },
      { key: "results", label: "Kết quả đo được", value: `Kết quả ${consenting}: giảm 40% thời gian` },
    ]);
    const json = JSON.stringify(honour);
    expect(json).not.toContain(`Vấn đề ${declining}`);
    expect(json).not.toMatch(/Người Đại Diện|0912345678/);
    // Without consent: title and summary only, as for every winner.
    const declined = honour.awards.find((a: { unitCode: string }) => a.unitCode === declining);
    expect(Object.keys(declined).sort()).toEqual(["amountVnd", "prizeName", "summary", "title", "unitCode", "unitName"]);
    const page = (await api(t, "GET", "/vinh-danh")).body;
    expect(page).toContain("AI vào việc");
    expect(page).toContain("Công cụ AI đã dùng");
    expect(page).toContain(`Kết quả ${consenting}: giảm 40% thời gian`);
    expect(page).not.toContain(`Vấn đề ${declining}`);
    expect(page).not.toContain("Người Đại Diện");
  });
});
