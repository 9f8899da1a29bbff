import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { docx, pdf, unzip } from "../entries/entries.test-helpers";
import { api, attachFiles, person, setupRound1 } from "./jury.test-helpers";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe.each(DIALECTS)("judges open blind files (%s)", (dialect) => {
  let t: TestApp;
  let filesDir: string;
  let s: Awaited<ReturnType<typeof setupRound1>>;
  let unitName: string;
  let target: { entryId: string; entryCode: string };
  const REP = "Nguyễn Văn Đại Diện";
  const docxId = "f-blind-docx-0001";
  const pdfId = "f-blind-pdf-0002";
  let originalPdf: Buffer;

  beforeAll(async () => {
    filesDir = mkdtempSync(path.join(tmpdir(), "hvai-jury-files-"));
    t = await buildTestApp(dialect, { env: { FILES_DIR: filesDir } });
    s = await setupRound1(t);
    // j1 works in 10507 (automatic conflict); j2 declares 10525; j3 has none.
    await api(t, "POST", "/api/jury/rounds/stage2/declaration", s.j1.auth, { conflicts: [] });
    await api(t, "POST", "/api/jury/rounds/stage2/declaration", s.j2.auth, { conflicts: [{ unitCode: "10525", kind: "advised", reason: "Đã góp ý sản phẩm" }] });
    await api(t, "POST", "/api/jury/rounds/stage2/declaration", s.j3.auth, { conflicts: [] });
    const e = s.entries.find((x) => x.unitCode === "10532")!;
    target = e;
    unitName = t.pack.units.find((u) => u.code === "10532")!.fullName;
    originalPdf = await pdf(`${REP} ${unitName}`);
    await attachFiles(t, e.entryId, [
      { id: docxId, name: `Báo cáo ${unitName}.docx`, mime: DOCX, body: await docx(`${REP} - ${unitName}`) },
      { id: pdfId, name: `Thuyết minh ${unitName}.pdf`, mime: "application/pdf", body: originalPdf },
    ]);
    for (const code of ["10507", "10525"]) {
      const own = s.entries.find((x) => x.unitCode === code)!;
      await attachFiles(t, own.entryId, [{ id: `f-own-${code}`, name: `Sản phẩm ${code}.pdf`, mime: "application/pdf", body: await pdf(`Tác giả ${code}`) }]);
    }
  });
  afterAll(async () => {
    await t?.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const fileUrl = (entryId: string, fileId: string) => `/api/jury/rounds/stage2/entries/${entryId}/files/${fileId}`;

  it("lists the files under blind names: the entry code and position, never the uploaded name", async () => {
    const r = await api(t, "GET", "/api/jury/rounds/stage2/sheets", s.j3.auth);
    const entry = r.json().entries.find((x: { entryId: string }) => x.entryId === target.entryId);
    expect(entry.files.map((f: { name: string }) => f.name)).toEqual([`${target.entryCode}-tep-01.docx`, `${target.entryCode}-tep-02.pdf`]);
    expect(r.body).not.toContain(unitName);
    expect(r.body).not.toContain(REP);
  });

  it("streams the DOCX's blind copy: no author, company or unit in its properties or anywhere in it", async () => {
    const res = await t.app.inject({ method: "GET", url: fileUrl(target.entryId, docxId), headers: s.j3.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(DOCX);
    expect(res.headers["content-disposition"]).toContain(`filename="${target.entryCode}-tep-01.docx"`);
    expect(Number(res.headers["content-length"])).toBe(res.rawPayload.length);
    const parts = await unzip(res.rawPayload);
    expect(parts.get("word/document.xml")?.toString("utf8")).toContain("Sáng kiến");
    expect(parts.get("docProps/core.xml")?.toString("utf8")).not.toMatch(/creator>[^<]/);
    for (const [name, body] of parts) {
      expect(body.toString("utf8"), name).not.toContain(unitName);
      expect(body.toString("utf8"), name).not.toContain(REP);
    }
    // Made once: the second download is the same stored copy.
    const again = await t.app.inject({ method: "GET", url: fileUrl(target.entryId, docxId), headers: s.j3.auth });
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
  });

  it("strips the PDF's Info dictionary (author, title) from the blind copy", async () => {
    const res = await t.app.inject({ method: "GET", url: fileUrl(target.entryId, pdfId), headers: s.j2.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain(`${target.entryCode}-tep-02.pdf`);
    const doc = await PDFDocument.load(res.rawPayload, { updateMetadata: false });
    expect(doc.getAuthor()).toBeUndefined();
    expect(doc.getTitle()).toBeUndefined();
    expect(doc.getPageCount()).toBe(1);
    // The original named the representative and the unit; the copy has no Info entry left to name anyone.
    expect((await PDFDocument.load(originalPdf, { updateMetadata: false })).getAuthor()).toContain(REP);
    expect(doc.getSubject() ?? doc.getKeywords() ?? doc.getCreator() ?? null).toBeNull();
  });

  it("refuses a conflicted judge (403), a judge of another round or none (403), and a file of another entry (404)", async () => {
    const own = s.entries.find((x) => x.unitCode === "10507")!;
    const declared = s.entries.find((x) => x.unitCode === "10525")!;
    const forbidden = await api(t, "GET", fileUrl(own.entryId, "f-own-10507"), s.j1.auth);
    expect([forbidden.status, forbidden.json().error.code]).toEqual([403, "FORBIDDEN"]);
    expect((await api(t, "GET", fileUrl(declared.entryId, "f-own-10525"), s.j2.auth)).status).toBe(403);
    expect((await api(t, "POST", `${fileUrl(own.entryId, "f-own-10507")}/link`, s.j1.auth)).status).toBe(403);
    // The same files open for a judge without the conflict.
    expect((await api(t, "GET", fileUrl(own.entryId, "f-own-10507"), s.j3.auth)).status).toBe(200);
    const finalJudge = await person(t, "Giám Khảo Chung Kết", "judge", "SO-TC");
    await api(t, "POST", "/api/jury/rounds/stage3/judges", s.org.auth, { userId: finalJudge.id });
    const notAppointed = await api(t, "GET", fileUrl(target.entryId, docxId), finalJudge.auth);
    expect([notAppointed.status, notAppointed.json().error.code]).toEqual([403, "JUDGE_NOT_APPOINTED"]);
    expect((await api(t, "GET", fileUrl(target.entryId, docxId), s.org.auth)).status).toBe(403);
    expect((await api(t, "GET", fileUrl(target.entryId, docxId))).status).toBe(401);
    const elsewhere = await api(t, "GET", fileUrl(target.entryId, "f-own-10507"), s.j3.auth);
    expect([elsewhere.status, elsewhere.json().error.code]).toEqual([404, "NOT_FOUND"]);
  });

  it("opens by a 5-minute signed link without the bearer, for that file only", async () => {
    const link = await api(t, "POST", `${fileUrl(target.entryId, pdfId)}/link`, s.j3.auth);
    expect(link.status).toBe(200);
    const { url, expiresAt } = link.json();
    expect(Date.parse(expiresAt) - t.clock.now().getTime()).toBe(5 * 60_000);
    const ok = await t.app.inject({ method: "GET", url });
    expect(ok.statusCode).toBe(200);
    expect(ok.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const token = new URL(url, "http://x").searchParams.get("token")!;
    expect((await t.app.inject({ method: "GET", url: `${fileUrl(target.entryId, docxId)}?token=${encodeURIComponent(token)}` })).statusCode).toBe(401);
    // A jury link is no certificate link, nor the reverse.
    expect((await t.app.inject({ method: "GET", url: `/api/certificates/AAAAAAAAAAAAAAAAAAAAAAAA/pdf?token=${encodeURIComponent(token)}` })).statusCode).toBe(401);
    // Rights are checked when the file is served: a conflict added after the link was issued closes it.
    await api(t, "POST", "/api/jury/rounds/stage2/conflicts", s.org.auth, { judgeId: s.j3.id, unitCode: "10532", kind: "other", reason: "Quan hệ công tác phát hiện sau" });
    expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(403);
    t.clock.advance(5 * 60_000 + 1000);
    expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(401);
  });

  it("exports the conflicts by a signed link for organisers only", async () => {
    expect((await api(t, "POST", "/api/jury/rounds/stage2/conflicts-link", s.j3.auth, { format: "csv" })).status).toBe(403);
    const link = await api(t, "POST", "/api/jury/rounds/stage2/conflicts-link", s.org.auth, { format: "csv" });
    expect(link.status).toBe(200);
    const csv = await t.app.inject({ method: "GET", url: link.json().url });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Đã góp ý sản phẩm");
    const token = new URL(link.json().url, "http://x").searchParams.get("token")!;
    expect((await t.app.inject({ method: "GET", url: `/api/jury/rounds/stage2/conflicts.xlsx?token=${encodeURIComponent(token)}` })).statusCode).toBe(401);
    const xlsx = await t.app.inject({ method: "GET", url: (await api(t, "POST", "/api/jury/rounds/stage2/conflicts-link", s.org.auth, { format: "xlsx" })).json().url });
    expect([xlsx.statusCode, xlsx.rawPayload.subarray(0, 2).toString()]).toEqual([200, "PK"]);
  });

  it("closes a link whose judge's account was erased since it was issued, as the bearer session is", async () => {
    const { url } = (await api(t, "POST", `${fileUrl(target.entryId, pdfId)}/link`, s.j2.auth)).json();
    expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(200);
    await t.app.ctx.db.updateTable("users").set({ deletedAt: t.clock.now().toISOString() }).where("id", "=", s.j2.id).execute();
    const refused = await t.app.inject({ method: "GET", url });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe("SESSION_EXPIRED");
  });
});
