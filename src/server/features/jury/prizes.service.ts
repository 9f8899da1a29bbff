import { blankWorkbook } from "../../shared/xlsx";
import type { z } from "zod";
import { allocatePrizes } from "../../../domain/jury/final";
import type { AllocateRequestSchema, AwardSchema } from "../../../domain/jury/jury.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import type { UserRow } from "../auth";
import { issueCertificate } from "../certificates";
import { juryAudit } from "./jury-audit";
import { findRound, findSnapshot } from "./jury.repository";
import { finalRanking, titlesByUnit } from "./final.service";
import { csvCell, round1Snapshot, sha256Hex, unitNameOf } from "./results.service";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "env">;
export type AwardView = z.infer<typeof AwardSchema>;
export type Official = { awards: AwardView[]; decisionNumber: string; decisionDate: string; reason: string | null };

/** The allocation the pack's prize rules give, once every place of the final has been revealed. */
export async function proposedAwards(ctx: Ctx): Promise<AwardView[]> {
  const [round, ranking, r1, titles] = await Promise.all([findRound(ctx.db, "stage3"), finalRanking(ctx), round1Snapshot(ctx), titlesByUnit(ctx)]);
  if (!r1 || !ranking.length || (round?.revealed ?? 0) < ranking.length) return [];
  const finalUnits = new Set(r1.finalists.map((f) => f.unitCode));
  const awards = allocatePrizes(ctx.pack.prizes, {
    final: ranking.map((r) => ({ entryId: r.entryId, unitCode: r.unitCode })),
    round1NotFinal: r1.results.filter((r) => !finalUnits.has(r.unitCode)).map((r) => ({ entryId: r.entryId, unitCode: r.unitCode })),
  });
  return awards.map((a) => ({
    prizeName: a.prizeName,
    amountVnd: a.amountVnd,
    entryId: a.entryId,
    unitCode: a.unitCode,
    unitName: unitNameOf(ctx, a.unitCode),
    title: titles.get(a.unitCode)?.title ?? "",
    summary: titles.get(a.unitCode)?.summary ?? "",
    certificateId: null,
  }));
}

export async function officialResult(ctx: Pick<Ctx, "db">): Promise<(Official & { sha256: string; createdAt: string; csv: string }) | null> {
  const s = await findSnapshot(ctx.db, "official");
  return s ? { ...(JSON.parse(s.payload) as Official), sha256: s.sha256, createdAt: s.createdAt, csv: s.csv } : null;
}

export async function prizesView(ctx: Ctx) {
  const [proposed, official] = await Promise.all([proposedAwards(ctx), officialResult(ctx)]);
  return { proposed, official: official ? { sha256: official.sha256, createdAt: official.createdAt, decisionNumber: official.decisionNumber, decisionDate: official.decisionDate, awards: official.awards } : null };
}

function officialCsv(o: Omit<Official, "reason">): string {
  const head = ["giai", "tien_thuong_vnd", "ma_don_vi", "don_vi", "san_pham", "so_quyet_dinh", "ngay_quyet_dinh", "ma_giay_chung_nhan"];
  const lines = o.awards.map((a) => [a.prizeName, a.amountVnd, a.unitCode, a.unitName, a.title, o.decisionNumber, o.decisionDate, a.certificateId].map(csvCell).join(","));
  return `${[head.join(","), ...lines].join("\r\n")}\r\n`;
}

/** Freeze the official result (SHA-256 of its CSV) and issue one certificate per awarded unit. */
export async function confirmPrizes(ctx: Ctx, actor: UserRow, req: z.infer<typeof AllocateRequestSchema>) {
  if (await findSnapshot(ctx.db, "official")) throw new AppError(409, "RESULT_FROZEN", "The official result is already confirmed");
  const proposed = await proposedAwards(ctx);
  if (!proposed.length) throw new AppError(409, "ROUND_INCOMPLETE", "Reveal the whole final ranking first");
  const awards: AwardView[] = [];
  for (const a of proposed) {
    const cert = await issueCertificate(
      ctx,
      a.unitCode,
      { kind: "award", organizer: ctx.pack.organizer, contestName: ctx.pack.name, unitName: ctx.pack.units.find((u) => u.code === a.unitCode)?.fullName ?? a.unitName, prizeName: a.prizeName, entryTitle: a.title, decisionNumber: req.decisionNumber, decisionDate: req.decisionDate },
      actor.id,
    );
    awards.push({ ...a, certificateId: cert.id });
  }
  const official: Official = { awards, decisionNumber: req.decisionNumber, decisionDate: req.decisionDate, reason: req.reason?.trim() || null };
  const csv = officialCsv(official);
  const sha256 = sha256Hex(csv);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("jurySnapshots").values({ kind: "official", createdAt: now.toISOString(), createdBy: actor.id, reason: official.reason, payload: JSON.stringify(official), csv, sha256 }).execute();
    await juryAudit(trx, actor.id, "jury.prizes.confirm", "official", { sha256, decisionNumber: req.decisionNumber, decisionDate: req.decisionDate, awards: awards.map((a) => ({ prize: a.prizeName, unitCode: a.unitCode })) }, now);
  });
  return prizesView(ctx);
}

export async function officialXlsx(o: Official & { sha256: string }): Promise<Buffer> {
  const wb = await blankWorkbook();
  wb.creator = "Học vụ AI";
  const ws = wb.addWorksheet("Kết quả chính thức");
  ws.addRow([`Quyết định số ${o.decisionNumber} ngày ${o.decisionDate}`]).font = { bold: true };
  ws.addRow([`SHA-256 của tệp CSV: ${o.sha256}`]);
  ws.addRow([]);
  const head = ws.addRow(["Giải", "Tiền thưởng (đồng)", "Mã đơn vị", "Đơn vị", "Sản phẩm", "Mã giấy chứng nhận"]);
  head.font = { bold: true };
  for (const a of o.awards) ws.addRow([a.prizeName, a.amountVnd, a.unitCode, a.unitName, a.title, a.certificateId ?? ""]);
  ws.getColumn(2).numFmt = "#,##0";
  [18, 18, 12, 30, 50, 28].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Units see their own result only once the official result is confirmed. */
export async function myResult(ctx: Ctx, user: UserRow) {
  const o = await officialResult(ctx);
  if (!o || !user.unitCode) return { published: !!o, award: null };
  return { published: true, award: o.awards.find((a) => a.unitCode === user.unitCode) ?? null };
}
