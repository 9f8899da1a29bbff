import { createHash, randomUUID } from "node:crypto";
import { cutDisagreements, type EntryResult, type Mark, roundResults } from "../../../domain/jury/scoring";
import type { JuryRound, RoundResultsResponse } from "../../../domain/jury/jury.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import type { UserRow } from "../auth";
import { isUniqueViolation } from "../../db/errors";
import { juryAudit } from "./jury-audit";
import { ensureRound, findRound, findSnapshot } from "./jury.repository";
import { roundProgress } from "./sheets.service";

type Ctx = Pick<AppContext, "db" | "pack" | "clock">;

export const sha256Hex = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");
export const csvCell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
export const unitNameOf = (ctx: Pick<Ctx, "pack">, code: string) => ctx.pack.units.find((u) => u.code === code)?.name ?? code;

/** Submitted sheets of active, non-conflicted judges as marks, and each entry's unit. */
export async function roundMarks(ctx: Ctx, roundId: JuryRound) {
  const p = await roundProgress(ctx, roundId);
  const marks: Mark[] = p.submitted.map((s) => ({
    judgeId: s.judgeId,
    entryId: s.entry.entryId,
    total: s.sheet.total as number,
    criteria: Object.fromEntries(Object.entries(JSON.parse(s.sheet.scores) as Record<string, { score: number }>).map(([k, v]) => [k, v.score])),
  }));
  return { ...p, marks };
}

type Round1Payload = { results: (EntryResult & { unitCode: string })[]; finalists: { entryId: string; unitCode: string }[]; proposed: string[]; reason: string | null };

export async function round1Snapshot(ctx: Ctx): Promise<(Round1Payload & { sha256: string; createdAt: string }) | null> {
  const s = await findSnapshot(ctx.db, "round1");
  return s ? { ...(JSON.parse(s.payload) as Round1Payload), sha256: s.sha256, createdAt: s.createdAt } : null;
}

/** Round-1 figures; empty until every sheet is in or the organiser closed the round. */
export async function roundResultsView(ctx: Ctx, roundId: JuryRound): Promise<RoundResultsResponse> {
  const [round, progress, snapshot] = await Promise.all([findRound(ctx.db, roundId), roundMarks(ctx, roundId), roundId === "stage2" ? round1Snapshot(ctx) : null]);
  const complete = progress.pending === 0 && progress.pairs.length > 0;
  const ready = complete || !!round?.closedAt;
  const names = round?.namesRevealed === 1;
  const results = ready ? roundResults(progress.marks, progress.entries, ctx.pack.jury.tieBreak) : [];
  const unitOf = new Map(progress.entries.map((e) => [e.entryId, e.unitCode]));
  const cut = ctx.pack.jury.finalists;
  return {
    roundId,
    complete,
    pendingSheets: progress.pending,
    closed: round?.closedAt ? { at: round.closedAt, reason: round.closeReason } : null,
    namesRevealed: names,
    results: results.map((r) => ({ ...r, unitCode: names ? (unitOf.get(r.entryId) ?? null) : null, unitName: names ? unitNameOf(ctx, unitOf.get(r.entryId) ?? "") : null })),
    flags: cutDisagreements(results, cut),
    proposedFinalists: results.slice(0, cut).map((r) => r.entryId),
    snapshot: snapshot ? { sha256: snapshot.sha256, createdAt: snapshot.createdAt, finalists: snapshot.finalists.map((f) => f.entryId), reason: snapshot.reason } : null,
  };
}

/** Close scoring: without a reason only when every non-conflicted sheet is submitted. */
export async function closeRound(ctx: Ctx, actor: UserRow, roundId: JuryRound, reason: string | undefined) {
  const now = ctx.clock.now();
  const round = await ensureRound(ctx.db, roundId, now);
  if (round.closedAt) return;
  const { pending, pairs } = await roundProgress(ctx, roundId);
  if (!pairs.length) throw new AppError(409, "ROUND_INCOMPLETE", "Nothing has been scored yet");
  if (pending > 0 && !reason?.trim())
    throw new AppError(400, "VALIDATION_FAILED", "A reason is required to close with sheets missing", { reason: `Còn ${pending} phiếu chưa nộp: vui lòng ghi lý do đóng vòng chấm.` });
  await ctx.db.updateTable("juryRounds").set({ closedAt: now.toISOString(), closedBy: actor.id, closeReason: reason?.trim() || null, updatedAt: now.toISOString() }).where("roundId", "=", roundId).where("closedAt", "is", null).execute();
  await juryAudit(ctx.db, actor.id, "jury.round.close", roundId, { roundId, pending, reason: reason?.trim() || null }, now);
}

/** After closing, the organiser may show unit names beside the entry codes. */
export async function revealNames(ctx: Ctx, actor: UserRow, roundId: JuryRound) {
  const round = await findRound(ctx.db, roundId);
  if (!round?.closedAt) throw new AppError(409, "ROUND_INCOMPLETE", "Close the round first");
  const now = ctx.clock.now();
  await ctx.db.updateTable("juryRounds").set({ namesRevealed: 1, updatedAt: now.toISOString() }).where("roundId", "=", roundId).execute();
  await juryAudit(ctx.db, actor.id, "jury.names.reveal", roundId, { roundId }, now);
}

function round1Csv(results: Round1Payload["results"], finalists: Set<string>, ctx: Ctx): string {
  const head = ["hang", "ma_bai", "ma_don_vi", "don_vi", "so_giam_khao", "diem_tb", "diem_hieu_chinh", "hang_trung_vi", "borda", "chung_ket"];
  const lines = results.map((r) =>
    [r.rank, r.entryCode, r.unitCode, unitNameOf(ctx, r.unitCode), r.judges, r.rawMean.toFixed(4), r.judgeCentred.toFixed(4), r.medianRank, r.borda, finalists.has(r.entryId) ? "x" : ""].map(csvCell).join(","),
  );
  return `${[head.join(","), ...lines].join("\r\n")}\r\n`;
}

/** The organiser confirms the finalists (a reason if they differ from the computed ones); frozen once. */
export async function confirmFinalists(ctx: Ctx, actor: UserRow, entryIds: string[], reason: string | undefined) {
  const view = await roundResultsView(ctx, "stage2");
  if (!view.closed) throw new AppError(409, "ROUND_INCOMPLETE", "Close round 1 first");
  if (view.snapshot) throw new AppError(409, "RESULT_FROZEN", "The finalists are already confirmed");
  const ids = [...new Set(entryIds)];
  const known = new Set(view.results.map((r) => r.entryId));
  const unknown = ids.filter((i) => !known.has(i));
  if (unknown.length) throw new AppError(400, "VALIDATION_FAILED", "Unknown entries", { entryIds: `Không có bài dự thi: ${unknown.join(", ")}` });
  const changed = ids.length !== view.proposedFinalists.length || ids.some((i) => !view.proposedFinalists.includes(i));
  if (changed && !reason?.trim()) throw new AppError(400, "VALIDATION_FAILED", "A reason is required", { reason: "Danh sách khác kết quả tính toán: vui lòng ghi lý do." });
  const { entries } = await roundMarks(ctx, "stage2");
  const unitOf = new Map(entries.map((e) => [e.entryId, e.unitCode]));
  const results = roundResults((await roundMarks(ctx, "stage2")).marks, entries, ctx.pack.jury.tieBreak).map((r) => ({ ...r, unitCode: unitOf.get(r.entryId) as string }));
  const finalists = results.filter((r) => ids.includes(r.entryId)).map((r) => ({ entryId: r.entryId, unitCode: r.unitCode }));
  const payload: Round1Payload = { results, finalists, proposed: view.proposedFinalists, reason: changed ? (reason?.trim() ?? null) : reason?.trim() || null };
  const csv = round1Csv(results, new Set(ids), ctx);
  const sha256 = sha256Hex(csv);
  const now = ctx.clock.now();
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto("jurySnapshots").values({ kind: "round1", createdAt: now.toISOString(), createdBy: actor.id, reason: payload.reason, payload: JSON.stringify(payload), csv, sha256 }).execute();
      await trx
        .insertInto("qualifierConfirmations")
        .values({
          id: `stage2-${randomUUID()}`,
          stageId: "stage2",
          unitCodes: JSON.stringify(finalists.map((f) => f.unitCode)),
          proposed: JSON.stringify(view.proposedFinalists.map((i) => unitOf.get(i))),
          changed: changed ? 1 : 0,
          reason: payload.reason,
          confirmedBy: actor.id,
          confirmedAt: now.toISOString(),
        })
        .execute();
      await juryAudit(trx, actor.id, "jury.finalists.confirm", "stage2", { finalists, proposed: view.proposedFinalists, changed, reason: payload.reason, sha256 }, now);
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new AppError(409, "RESULT_FROZEN", "The finalists are already confirmed");
      throw err;
    });
  return roundResultsView(ctx, "stage2");
}

export async function round1CsvFile(ctx: Ctx) {
  const s = await findSnapshot(ctx.db, "round1");
  if (!s) throw new AppError(404, "NOT_FOUND", "Not confirmed yet");
  return s;
}
