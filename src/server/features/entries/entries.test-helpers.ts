import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { PNG } from "pngjs";
import yauzl from "yauzl";
import yazl from "yazl";
import type { Dialect } from "../../db/database";
import { buildTestApp, type TestApp } from "../../test/test-app";

export const ROUND = "stage2";

export async function zipOf(files: Record<string, Buffer | string>, compress = true): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, body] of Object.entries(files)) zip.addBuffer(Buffer.isBuffer(body) ? body : Buffer.from(body), name, { compress });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((res, rej) => yauzl.fromBuffer(buf, { lazyEntries: true }, (e, z) => (e || !z ? rej(e) : res(z))));
  const out = new Map<string, Buffer>();
  await new Promise<void>((res, rej) => {
    zip.on("entry", (e: yauzl.Entry) =>
      zip.openReadStream(e, (err, s) => {
        if (err || !s) return rej(err);
        const parts: Buffer[] = [];
        s.on("data", (c: Buffer) => parts.push(c));
        s.on("end", () => {
          out.set(e.fileName, Buffer.concat(parts));
          zip.readEntry();
        });
      }),
    );
    zip.on("end", () => res());
    zip.on("error", rej);
    zip.readEntry();
  });
  return out;
}

const CT = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

/** A minimal DOCX whose core properties name its author (what the blind copy must remove). */
export function docx(author: string, extra: Record<string, Buffer | string> = {}): Promise<Buffer> {
  return zipOf({
    "[Content_Types].xml": CT("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Sáng kiến</w:t></w:r></w:p></w:body></w:document>',
    "docProps/core.xml": `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${author}</dc:creator></cp:coreProperties>`,
    "docProps/app.xml": `<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>${author}</Company></Properties>`,
    ...extra,
  });
}

export async function pdf(author: string, text = "Báo cáo"): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setAuthor(author);
  doc.setTitle(text.replace(/[^\x20-\x7e]/g, "-"));
  doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
}

export function png(seed = 1): Buffer {
  const p = new PNG({ width: 4, height: 4 });
  p.data.fill(seed);
  return PNG.sync.write(p);
}

export function multipart(content: Buffer, filename: string, field = "file") {
  const boundary = `----hvai${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

export type EntriesWorld = TestApp & {
  filesDir: string;
  units: [string, string, string];
  org: Awaited<ReturnType<TestApp["signIn"]>>;
  leadA: Awaited<ReturnType<TestApp["signIn"]>>;
};

/** An API where units A and B qualified from Stage 1 (C did not), with small attachment caps. */
export async function entriesWorld(dialect: Dialect, env: Record<string, string> = {}): Promise<EntriesWorld> {
  const filesDir = mkdtempSync(path.join(tmpdir(), "hvai-entries-"));
  const t = await buildTestApp(dialect, {
    env: { FILES_DIR: filesDir, ...env },
    pack: (p) => {
      const r = p.entries.rounds.find((x) => x.id === ROUND);
      if (r) r.attachments = { kinds: ["pdf", "docx", "pptx", "xlsx", "jpeg", "png"], maxFileBytes: 100_000, maxTotalBytes: 250_000, maxCount: 4, minCount: 1 };
      return p;
    },
  });
  const units = t.pack.units.slice(0, 3).map((u) => u.code) as [string, string, string];
  const org = await t.signIn("Ban Tổ Chức", "organizer");
  const leadA = await t.signIn("Lãnh Đạo A", "unit_lead", units[0]);
  const now = t.clock.now().toISOString();
  await t.app.ctx.db
    .insertInto("qualifierConfirmations")
    .values({ id: "stage1-0001", stageId: "stage1", unitCodes: JSON.stringify([units[0], units[1]]), proposed: "{}", changed: 0, reason: null, confirmedBy: org.user.id, confirmedAt: now })
    .execute();
  // close() also removes the attachment store it made.
  const close = async () => {
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
  };
  return { ...t, close, filesDir, units, org, leadA };
}

/** Run `body` on a fresh entries world, closed (and its files removed) whatever happens. */
export async function withEntriesWorld(dialect: Dialect, body: (w: EntriesWorld) => Promise<void>): Promise<void> {
  const w = await entriesWorld(dialect);
  try {
    await body(w);
  } finally {
    await w.close();
  }
}

export const COMPLETE_FIELDS = {
  title: "Trợ lý AI soạn thảo văn bản",
  summary: "Tóm tắt sản phẩm.",
  problem: "Soạn công văn mất nhiều thời gian.",
  aiTools: "ChatGPT, Gemini",
  method: "Xây dựng bộ câu lệnh mẫu.",
  hoursSaved: "120",
  results: "Giảm 40% thời gian soạn thảo.",
};
export const COMPLETE_REP = { fullName: "Nguyễn Văn A", position: "Phó Chủ tịch", phone: "0912345678", email: "a@haiphong.gov.vn", consent: true, publishConsent: false };
