import { PassThrough, type Readable } from "node:stream";
import type { EntryRound } from "../../../domain/entries/entries.config";
import type { Receipt } from "../../../domain/entries/entries.schema";
import { sanitiseFileName } from "../../../domain/entries/text-rules";
import { formatVnDateTime } from "../../../domain/shared/time";
import { type Ctx, unitOf } from "./entries-access";
import { roundOverview } from "./entries-organiser.service";
import { entriesOfRound, parseDraft } from "./entries.repository";
import type { EntryRow } from "./entries.table";
import { receiptOf } from "./entries.service";
import { receiptPdf } from "./receipt-pdf";
import { yazl } from "../../shared/heavy-libs";
import { addTableSheet, newWorkbook, workbookBuffer } from "../../shared/xlsx";

type Submitted = { entry: EntryRow; receipt: Receipt; fileKeys: Map<string, string> };

async function submitted(ctx: Ctx, round: EntryRound, unit?: string): Promise<Submitted[]> {
  const out: Submitted[] = [];
  for (const entry of await entriesOfRound(ctx.db, round.id)) {
    if (entry.status !== "submitted" || (unit && entry.unitCode !== unit)) continue;
    const receipt = await receiptOf(ctx, round, entry);
    if (!receipt) continue;
    const rows = await ctx.db.selectFrom("entryFiles").select(["id", "storageKey", "name"]).where("entryId", "=", entry.id).execute();
    const frozen = await ctx.db.selectFrom("entryVersions").select("filesJson").where("id", "=", entry.submittedVersionId as string).executeTakeFirstOrThrow();
    const ids = (JSON.parse(frozen.filesJson) as { id: string }[]).map((f) => f.id);
    out.push({ entry, receipt, fileKeys: new Map(ids.map((id) => [id, rows.find((r) => r.id === id)?.storageKey as string])) });
  }
  return out.sort((a, b) => a.receipt.entryCode.localeCompare(b.receipt.entryCode));
}

/**
 * The round's submitted entries as one ZIP, streamed: a folder per unit with its files (as
 * submitted) and a summary PDF, the XLSX index and SHA256SUMS.txt at the root.
 */
export async function exportZip(ctx: Ctx, round: EntryRound, unit?: string): Promise<Readable> {
  const zip = new (await yazl()).ZipFile();
  const sums: string[] = [];
  for (const s of await submitted(ctx, round, unit)) {
    const u = unitOf(ctx, s.entry.unitCode);
    const folder = sanitiseFileName(`${s.receipt.entryCode} ${u.code} ${u.name}`);
    zip.addBuffer(Buffer.from(await receiptPdf(round, u, s.entry, s.receipt, true)), `${folder}/tom-tat-${s.receipt.entryCode}.pdf`);
    const used = new Set<string>();
    const frozen = await ctx.db.selectFrom("entryVersions").select("filesJson").where("id", "=", s.entry.submittedVersionId as string).executeTakeFirstOrThrow();
    for (const f of JSON.parse(frozen.filesJson) as { id: string; name: string; sha256: string }[]) {
      let name = f.name;
      for (let n = 2; used.has(name.toLowerCase()); n++) name = `${n}-${f.name}`;
      used.add(name.toLowerCase());
      const key = s.fileKeys.get(f.id) as string;
      // Opened only when the ZIP reaches this file: one store stream at a time.
      zip.addReadStreamLazy(`${folder}/${name}`, (cb) => {
        ctx.files.get(key).then((stream) => cb(null, stream), (err: unknown) => cb(err, new PassThrough()));
      });
      sums.push(`${f.sha256}  ${folder}/${name}`);
    }
  }
  zip.addBuffer(await indexXlsx(ctx, round), `danh-sach-${round.id}.xlsx`);
  zip.addBuffer(Buffer.from(sums.join("\n") + "\n", "utf8"), "SHA256SUMS.txt");
  zip.end();
  return zip.outputStream as Readable;
}

const STATUS_VI = { not_started: "Chưa bắt đầu", draft: "Đang soạn", submitted: "Đã nộp", withdrawn: "Đã rút", late: "Quá hạn" } as const;

export async function indexXlsx(ctx: Ctx, round: EntryRound): Promise<Buffer> {
  const overview = await roundOverview(ctx, round.id);
  const entries = new Map((await entriesOfRound(ctx.db, round.id)).map((e) => [e.unitCode, e]));
  const wb = await newWorkbook(`Hồ sơ dự thi ${round.name}`, ctx.clock.now());
  const ws = addTableSheet(wb, "Hồ sơ", [["STT", 5], ["Số hồ sơ", 10], ["Mã đơn vị", 12], ["Đơn vị", 30], ["Trạng thái", 14], ["Tên sản phẩm", 40], ["Số tệp", 8], ["Nộp lúc", 18], ["Hạn nộp", 18], ["SHA-256 hồ sơ", 66]]);
  for (const [i, u] of overview.units.entries()) {
    const e = entries.get(u.unitCode);
    const receipt = e ? await receiptOf(ctx, round, e) : null;
    ws.addRow([i + 1, u.entryCode ?? "", u.unitCode, u.unitName, STATUS_VI[u.status], e ? (parseDraft(e.draftJson).fields.title ?? "") : "", u.fileCount, receipt ? formatVnDateTime(receipt.submittedAt) : "", formatVnDateTime(u.deadline), receipt?.sha256 ?? ""]);
  }
  return workbookBuffer(wb);
}
