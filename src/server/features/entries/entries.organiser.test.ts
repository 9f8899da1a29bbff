import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { PDFDocument, PDFName } from "pdf-lib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { startS3Server, type TestS3 } from "../../test/s3-server";
import { listSubmittedEntries, openBlindFile } from "./entries.api";
import { sweepOrphans } from "./entries.jobs";
import { COMPLETE_FIELDS, COMPLETE_REP, docx, entriesWorld, type EntriesWorld, multipart, pdf, ROUND, unzip } from "./entries.test-helpers";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const readAll = async (s: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(Buffer.from(c as Buffer));
  return Buffer.concat(parts);
};

/** The app's settings for the S3-compatible file store (README: Storage). */
const s3Env = (s: TestS3) => ({ FILE_STORE: "s3", S3_ENDPOINT: s.endpoint, S3_REGION: s.region, S3_BUCKET: s.bucket, S3_ACCESS_KEY_ID: s.accessKeyId, S3_SECRET_ACCESS_KEY: s.secretAccessKey, S3_FORCE_PATH_STYLE: "1" });

let s3: TestS3;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => s3?.stop());

const cases = [...DIALECTS.map((d) => [d, "local"] as const), ["sqlite", "s3"] as const];

describe.each(cases)("entries for organisers (%s, %s store)", (dialect, store) => {
  let w: EntriesWorld;
  beforeEach(async () => {
    w = await entriesWorld(dialect, store === "s3" ? s3Env(s3) : {});
  });
  afterEach(async () => {
    await w.close();
  });

  async function submitA(files: [Buffer, string][]) {
    const A = w.units[0];
    const base = `/api/entries/${ROUND}/units/${A}`;
    for (const [body, name] of files) {
      const m = multipart(body, name);
      const r = await w.app.inject({ method: "POST", url: `${base}/files`, headers: { ...w.leadA.auth, ...m.headers }, payload: m.payload });
      expect(r.statusCode).toBe(200);
    }
    const saved = await w.app.inject({ method: "PUT", url: `${base}/draft`, headers: w.leadA.auth, payload: { baseVersion: 0, draft: { fields: COMPLETE_FIELDS, representative: COMPLETE_REP } } });
    const sub = await w.app.inject({ method: "POST", url: `${base}/submit`, headers: w.leadA.auth, payload: { version: saved.json().version } });
    expect(sub.statusCode).toBe(200);
    return sub.json().receipt as { entryCode: string; files: { name: string; sha256: string }[] };
  }

  it("round page, ZIP with files and hashes, XLSX index, jury API with blind copies", async () => {
    const [A, B] = w.units;
    const report = await docx("Nguyễn Văn A – UBND", { "word/comments.xml": '<w:comments xmlns:w="x"><w:comment w:id="0" w:author="Nguyễn Văn A" w:initials="NVA"/></w:comments>' });
    const scan = await pdf("Nguyễn Văn A");
    const receipt = await submitA([
      [report, "Thuyết minh.docx"],
      [scan, "Phụ lục.pdf"],
    ]);

    const overview = (await w.app.inject({ method: "GET", url: `/api/entries/${ROUND}/overview`, headers: w.org.auth })).json();
    expect(overview.units.map((u: { unitCode: string; status: string }) => [u.unitCode, u.status])).toEqual([
      [A, "submitted"],
      [B, "not_started"],
    ]);
    expect(overview.units[0]).toMatchObject({ complete: true, fileCount: 2, entryCode: "V2-01", contributors: ["Lãnh Đạo A"] });
    expect((await w.app.inject({ method: "GET", url: `/api/entries/${ROUND}/overview`, headers: w.leadA.auth })).statusCode).toBe(403);

    // The ZIP through a signed link (as Zalo's downloader fetches it).
    const link = (await w.app.inject({ method: "POST", url: "/api/entries/download-link", headers: w.org.auth, payload: { path: `/api/entries/${ROUND}/export.zip` } })).json();
    const zipRes = await w.app.inject({ method: "GET", url: link.url });
    expect(zipRes.statusCode).toBe(200);
    const files = await unzip(zipRes.rawPayload);
    const folder = [...files.keys()].find((k) => k.endsWith("Thuyết minh.docx"))?.split("/")[0] as string;
    expect(folder).toContain(`V2-01 ${A}`);
    expect(sha(files.get(`${folder}/Thuyết minh.docx`) as Buffer)).toBe(sha(report));
    expect(sha(files.get(`${folder}/Phụ lục.pdf`) as Buffer)).toBe(sha(scan));
    expect(files.get(`${folder}/tom-tat-V2-01.pdf`)?.subarray(0, 5).toString()).toBe("%PDF-");
    const sums = (files.get("SHA256SUMS.txt") as Buffer).toString();
    for (const f of receipt.files) expect(sums).toContain(`${f.sha256}  ${folder}/${f.name}`);
    // A leaked link for another path, or none, is refused.
    expect((await w.app.inject({ method: "GET", url: `/api/entries/${ROUND}/index.xlsx?token=${encodeURIComponent(link.url.split("token=")[1])}` })).statusCode).toBe(401);
    // An organiser account erased since the link was issued: the link closes with it.
    await w.app.ctx.db.updateTable("users").set({ deletedAt: w.clock.now().toISOString() }).where("id", "=", w.org.user.id).execute();
    expect((await w.app.inject({ method: "GET", url: link.url })).statusCode).toBe(401);
    await w.app.ctx.db.updateTable("users").set({ deletedAt: null }).where("id", "=", w.org.user.id).execute();

    const xlsx = await w.app.inject({ method: "GET", url: `/api/entries/${ROUND}/index.xlsx`, headers: w.org.auth });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]?.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.length).toBe(3);
    expect(rows[1]?.slice(1, 7)).toEqual([1, "V2-01", A, expect.any(String), "Đã nộp", COMPLETE_FIELDS.title]);

    // Jury API: submitted entries and blind copies without the author.
    const listed = await listSubmittedEntries(w.app.ctx.db, ROUND);
    expect(listed).toEqual([expect.objectContaining({ entryCode: "V2-01", unitCode: A, title: COMPLETE_FIELDS.title, summary: COMPLETE_FIELDS.summary })]);
    const [docFile, pdfFile] = listed[0]?.files ?? [];
    const blindDoc = await openBlindFile(w.app.ctx, listed[0]?.entryId as string, docFile?.id as string);
    expect(blindDoc.name).toBe("V2-01-tep-01.docx");
    const docParts = await unzip(await readAll(blindDoc.stream));
    expect((docParts.get("docProps/core.xml") as Buffer).toString()).not.toContain("Nguyễn");
    expect((docParts.get("docProps/app.xml") as Buffer).toString()).not.toContain("UBND");
    expect((docParts.get("word/document.xml") as Buffer).toString()).toContain("Sáng kiến");
    expect((docParts.get("word/comments.xml") as Buffer).toString()).not.toContain("Nguyễn");
    const blindPdf = await openBlindFile(w.app.ctx, listed[0]?.entryId as string, pdfFile?.id as string);
    const bytes = await readAll(blindPdf.stream);
    expect(blindPdf.size).toBe(bytes.length);
    expect(bytes.toString("latin1")).not.toContain("Nguy");
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getAuthor()).toBeUndefined();
    expect(doc.catalog.get(PDFName.of("Metadata"))).toBeUndefined();
  });

  it("the orphan sweep removes stored files no row points at, after a grace period", async () => {
    await submitA([[await pdf("x"), "a.pdf"]]);
    await w.app.ctx.files.put("entries/stage2/lost/orphan", Readable.from([Buffer.from("half an upload")]), 14);
    expect(await sweepOrphans(w.app.ctx)).toBe(0);
    // (The S3 bucket is shared by this file's tests, so earlier tests' files are orphans here too.)
    expect(await sweepOrphans(w.app.ctx, new Date(Date.now() + 2 * 3600_000))).toBeGreaterThanOrEqual(1);
    await expect(w.app.ctx.files.get("entries/stage2/lost/orphan")).rejects.toMatchObject({ code: "ENOENT" });
    expect((await listSubmittedEntries(w.app.ctx.db, ROUND))[0]?.files.length).toBe(1);
    const row = await w.app.ctx.db.selectFrom("entryFiles").select("storageKey").executeTakeFirstOrThrow();
    expect((await readAll(await w.app.ctx.files.get(row.storageKey))).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
