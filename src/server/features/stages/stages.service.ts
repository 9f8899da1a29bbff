import { createHash } from "node:crypto";
import { stageStatus } from "../../../domain/contest/calendar";
import type { Stage } from "../../../domain/contest/contest.schema";
import { participationStage } from "../../../domain/contest/participation";
import { proposeQualifiers, rankingCsv, type Qualifiers, type RankedUnit } from "../../../domain/ranking/ranking";
import type { ConfirmQualifiersRequest, StageResultResponse } from "../../../domain/ranking/ranking.schema";
import type { Board } from "../../../domain/units/unit.schema";
import type { AppContext } from "../../app-context";
import type { ContestPack } from "../../content/pack-loader";
import { isUniqueViolation } from "../../db/errors";
import { AppError } from "../../shared/app-error";
import { recordAudit } from "../../shared/audit";
import type { UserRow } from "../auth";
import { countConfirmations, insertConfirmation, insertSnapshotOnce, latestConfirmation, selectSnapshot } from "./stages.repository";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "dialect" | "caches">;
export type Boards = Record<Board, RankedUnit[]>;

/** What a stage's close freezes: the ranking of that stage (Stage 1: the live participation ranking). */
export type BoardsSource = { compute(ctx: Ctx): Promise<Boards>; invalidate(ctx: Ctx): void };

export type LoadedSnapshot = { closedAt: string; closedBy: string; closedByName: string | null; cutoff: string; sha256: string; csv: string; boards: Boards };
/** Per app (on its context): snapshots never change once written, so the parsed one is kept. */
export type StagesCache = { snapshots: Map<string, LoadedSnapshot> };
export const createStagesCache = (): StagesCache => ({ snapshots: new Map() });

/** The pack's stage with this id, and its number (1, 2, 3) for people-facing names. */
export function stageOf(pack: Pick<ContestPack, "stages">, stageId: string): { stage: Stage; number: number } {
  const index = pack.stages.findIndex((s) => s.id === stageId);
  if (index < 0) throw new AppError(404, "NOT_FOUND", `The contest has no stage ${stageId}`);
  return { stage: pack.stages[index]!, number: index + 1 };
}

export async function loadSnapshot(ctx: Pick<Ctx, "db" | "caches">, stageId: string): Promise<LoadedSnapshot | null> {
  const cached = ctx.caches.stages.snapshots.get(stageId);
  if (cached) return cached;
  const row = await selectSnapshot(ctx.db, stageId);
  if (!row) return null;
  const loaded: LoadedSnapshot = {
    closedAt: row.closedAt,
    closedBy: row.closedBy,
    closedByName: row.fullName ?? row.zaloName ?? null,
    cutoff: row.cutoff,
    sha256: row.sha256,
    csv: row.csv,
    boards: JSON.parse(row.boardsJson) as Boards,
  };
  ctx.caches.stages.snapshots.set(stageId, loaded);
  return loaded;
}

/** The frozen ranking of the participation stage (Stage 1), once it is closed. */
export const frozenBoardsOf = (ctx: Pick<Ctx, "db" | "caches" | "pack">) => loadSnapshot(ctx, participationStage(ctx.pack.stages).id);

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
export const snapshotCsvPath = (stageId: string) => `/api/stages/${stageId}/snapshot.csv`;

export async function stageResult(ctx: Ctx, stageId: string): Promise<StageResultResponse> {
  const { stage } = stageOf(ctx.pack, stageId);
  const snapshot = await loadSnapshot(ctx, stage.id);
  const confirmation = snapshot ? await latestConfirmation(ctx.db, stage.id) : undefined;
  return {
    stageId: stage.id,
    stageClosesAt: stage.closesAt,
    stageStatus: stageStatus(stage, ctx.clock.now()),
    snapshot: snapshot
      ? { stageId: stage.id, closedAt: snapshot.closedAt, closedByName: snapshot.closedByName, cutoff: snapshot.cutoff, sha256: snapshot.sha256, csvPath: snapshotCsvPath(stage.id), boards: snapshot.boards }
      : null,
    proposed: snapshot ? proposeQualifiers(snapshot.boards, ctx.pack.ranking) : null,
    confirmation: confirmation
      ? {
          unitCodes: JSON.parse(confirmation.unitCodes) as string[],
          changed: confirmation.changed === 1,
          reason: confirmation.reason,
          confirmedAt: confirmation.confirmedAt,
          confirmedByName: confirmation.fullName ?? confirmation.zaloName ?? null,
        }
      : null,
  };
}

/**
 * Freeze a stage: compute its ranking once, store boards + CSV + SHA-256, never again. A second
 * call (or a concurrent one) finds the stored snapshot and changes nothing.
 */
export async function closeStage(ctx: Ctx, actor: UserRow, stageId: string, source: BoardsSource | undefined): Promise<StageResultResponse & { alreadyClosed: boolean }> {
  const { stage, number } = stageOf(ctx.pack, stageId);
  if (await loadSnapshot(ctx, stage.id)) return { ...(await stageResult(ctx, stage.id)), alreadyClosed: true };
  const now = ctx.clock.now();
  if (stageStatus(stage, now) !== "closed") throw new AppError(409, "STAGE_STILL_OPEN", `Stage ${number} closes at ${stage.closesAt}`);
  if (!source) throw new AppError(409, "CONFLICT", `Stage ${number} has no ranking to freeze here (its results come from its own feature)`);
  const boards = await source.compute(ctx);
  const csv = rankingCsv(boards);
  const sha256 = sha256Hex(csv);
  const won = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertSnapshotOnce(trx, { stageId: stage.id, closedAt: now.toISOString(), closedBy: actor.id, cutoff: stage.closesAt, boardsJson: JSON.stringify(boards), csv, sha256 });
    if (inserted) {
      const proposed = proposeQualifiers(boards, ctx.pack.ranking);
      await recordAudit(trx, { actorId: actor.id, action: "stage.close", subject: stage.id, details: { sha256, cutoff: stage.closesAt, proposed } }, now);
    }
    return inserted;
  });
  source.invalidate(ctx);
  return { ...(await stageResult(ctx, stage.id)), alreadyClosed: !won };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("|") === [...b].sort().join("|");

/** The organiser's decision on who goes on; a change from the proposal (or from an earlier decision) needs a reason. */
export async function confirmQualifiers(ctx: Ctx, actor: UserRow, stageId: string, req: ConfirmQualifiersRequest): Promise<StageResultResponse> {
  const { stage, number } = stageOf(ctx.pack, stageId);
  const snapshot = await loadSnapshot(ctx, stage.id);
  if (!snapshot) throw new AppError(409, "SNAPSHOT_MISSING", `Close Stage ${number} first`);
  const codes = [...new Set(req.unitCodes)];
  const known = new Set([...snapshot.boards.commune, ...snapshot.boards.department].map((u) => u.unitCode));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw new AppError(400, "UNIT_UNKNOWN", `Unknown units: ${unknown.join(", ")}`, { unitCodes: `Đơn vị không có trong bảng xếp hạng: ${unknown.join(", ")}` });
  const proposed: Qualifiers = proposeQualifiers(snapshot.boards, ctx.pack.ranking);
  const proposedCodes = [...proposed.communes, ...proposed.departments];
  const previous = await latestConfirmation(ctx.db, stage.id);
  const previousCodes = previous ? (JSON.parse(previous.unitCodes) as string[]) : null;
  if (previousCodes && sameSet(previousCodes, codes)) return stageResult(ctx, stage.id);
  const changed = !sameSet(codes, proposedCodes);
  const reason = req.reason?.trim() || null;
  if ((changed || previousCodes) && !reason)
    throw new AppError(400, "VALIDATION_FAILED", "A reason is required when the selection differs from the proposal or an earlier decision", {
      reason: "Vui lòng ghi lý do khi thay đổi so với danh sách đề xuất hoặc quyết định trước.",
    });
  const now = ctx.clock.now();
  // A sequence id orders decisions even within one millisecond; two organisers racing collide on it.
  const id = `${stage.id}-${String((await countConfirmations(ctx.db, stage.id)) + 1).padStart(4, "0")}`;
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await insertConfirmation(trx, { id, stageId: stage.id, unitCodes: JSON.stringify(codes), proposed: JSON.stringify(proposed), changed: changed ? 1 : 0, reason, confirmedBy: actor.id, confirmedAt: now.toISOString() });
      await recordAudit(
        trx,
        { actorId: actor.id, action: "qualifiers.confirm", subject: stage.id, details: { unitCodes: codes, proposed: proposedCodes, changed, reason, previous: previousCodes } },
        now,
      );
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new AppError(409, "CONFLICT", "Another confirmation was recorded at the same time");
      throw err;
    });
  return stageResult(ctx, stage.id);
}
