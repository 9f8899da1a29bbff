import { createHash } from "node:crypto";
import { stageStatus } from "../../../domain/contest/calendar";
import type { Stage } from "../../../domain/contest/contest.schema";
import { formulaText, proposeQualifiers, rankBoard, rankingCsv, TIE_BREAK_TEXT, type Qualifiers, type RankedUnit, type UnitStats } from "../../../domain/ranking/ranking";
import type { ConfirmQualifiersRequest, Formula, StageResultResponse } from "../../../domain/ranking/ranking.schema";
import { boardOfKind, type Board } from "../../../domain/units/unit.schema";
import type { AppContext } from "../../app-context";
import type { ContestPack } from "../../content/pack-loader";
import type { Db } from "../../db/database";
import type { UserRow } from "../auth/users.table";
import { AppError } from "../../shared/app-error";
import { recordAudit } from "../../shared/audit";
import { isUniqueViolation } from "../../db/errors";
import { participationScope, unitTotals } from "../participation";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "dialect" | "caches">;
export type Boards = Record<Board, RankedUnit[]>;

export function stage1Of(pack: ContestPack): Stage {
  const stage = pack.stages.find((s) => s.id === "stage1");
  if (!stage) throw new Error("the pack has no stage1");
  return stage;
}

export function formulaOf(pack: ContestPack): Formula {
  return {
    participationWeight: pack.ranking.participationWeight,
    scoreWeight: pack.ranking.scoreWeight,
    text: formulaText(pack.ranking),
    tieBreak: TIE_BREAK_TEXT,
    note: pack.ranking.note ?? null,
  };
}

/** Both boards computed now from the database (no cache). */
export async function computeBoards(ctx: Ctx): Promise<Boards> {
  const aggregates = new Map((await unitTotals(ctx, participationScope(ctx.pack))).map((a) => [a.unitCode, a]));
  const stats: UnitStats[] = ctx.pack.units.map((u) => {
    const a = aggregates.get(u.code);
    return {
      unitCode: u.code,
      name: u.name,
      fullName: u.fullName,
      board: boardOfKind(u.kind),
      rosterCount: a?.rosterCount ?? 0,
      signedIn: a?.signedIn ?? 0,
      lessonsDone: a?.lessonsDone ?? 0,
      testDone: a?.testDone ?? 0,
      participants: a?.participants ?? 0,
      meanScore: a?.meanScore ?? null,
      reachedAt: a?.reachedAt ?? null,
    };
  });
  return {
    commune: rankBoard(stats.filter((s) => s.board === "commune"), ctx.pack.ranking),
    department: rankBoard(stats.filter((s) => s.board === "department"), ctx.pack.ranking),
  };
}

type Live = { boards: Boards; generatedAt: string };
type LiveEntry = { at: number; value: Live | null; pending: Promise<Live> | null };
// Per app instance (keyed by its Db): the city-wide aggregate is shared by everyone opening the rankings tab.
const liveCache = new WeakMap<object, LiveEntry>();

function refresh(ctx: Ctx, e: LiveEntry, startedAt: number): Promise<Live> {
  const run: Promise<Live> = computeBoards(ctx).then((boards) => {
    const live = { boards, generatedAt: new Date(startedAt).toISOString() };
    if (e.pending === run) {
      e.value = live;
      e.at = startedAt;
    }
    return live;
  });
  e.pending = run;
  // A failed refresh keeps the last good ranking; the next reader retries.
  run
    .finally(() => {
      if (e.pending === run) e.pending = null;
    })
    .catch(() => undefined);
  return run;
}

/**
 * The live boards, recomputed at most every `liveCacheSeconds`. Stale-while-revalidate: once a
 * ranking exists, readers get it at once while one background recompute (never two) refreshes it.
 */
export async function liveBoards(ctx: Ctx): Promise<Live> {
  const now = ctx.clock.now().getTime();
  let entry = liveCache.get(ctx.db);
  if (!entry) {
    entry = { at: 0, value: null, pending: null };
    liveCache.set(ctx.db, entry);
  }
  const ttl = ctx.pack.ranking.liveCacheSeconds * 1000;
  // liveCacheSeconds 0: no cache at all, every reader gets a ranking computed after it asked.
  if (ttl === 0) return refresh(ctx, entry, now);
  if (entry.value && now >= entry.at && now - entry.at < ttl) return entry.value;
  const pending = entry.pending ?? refresh(ctx, entry, now);
  return entry.value ?? pending;
}

/** After a roster change the unit's lead expects to see it at once. */
export function invalidateLiveBoards(db: Db): void {
  // Drop the ranking and any recompute that started before the change.
  liveCache.delete(db);
}

export type LoadedSnapshot = { closedAt: string; closedBy: string; closedByName: string | null; cutoff: string; sha256: string; csv: string; boards: Boards };
// Snapshots never change once written, so the parsed one is kept.
const snapshotCache = new WeakMap<object, LoadedSnapshot>();

export async function loadSnapshot(db: Db): Promise<LoadedSnapshot | null> {
  const cached = snapshotCache.get(db);
  if (cached) return cached;
  const row = await db
    .selectFrom("stageSnapshots as s")
    .leftJoin("users as u", "u.id", "s.closedBy")
    .select(["s.closedAt", "s.closedBy", "s.cutoff", "s.sha256", "s.csv", "s.boardsJson", "u.fullName", "u.zaloName"])
    .where("s.stageId", "=", "stage1")
    .executeTakeFirst();
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
  snapshotCache.set(db, loaded);
  return loaded;
}

/** The published ranking once Stage 1 is closed, else the live one. */
export async function currentBoards(ctx: Ctx) {
  const snapshot = await loadSnapshot(ctx.db);
  if (snapshot) return { source: "snapshot" as const, boards: snapshot.boards, generatedAt: snapshot.closedAt, snapshot: { sha256: snapshot.sha256, closedAt: snapshot.closedAt } };
  const live = await liveBoards(ctx);
  return { source: "live" as const, boards: live.boards, generatedAt: live.generatedAt, snapshot: null };
}

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
export const SNAPSHOT_CSV_PATH = "/api/stages/stage1/snapshot.csv";

async function latestConfirmation(db: Db) {
  return db
    .selectFrom("qualifierConfirmations as q")
    .leftJoin("users as u", "u.id", "q.confirmedBy")
    .select(["q.unitCodes", "q.changed", "q.reason", "q.confirmedAt", "u.fullName", "u.zaloName"])
    .where("q.stageId", "=", "stage1")
    .orderBy("q.id", "desc")
    .executeTakeFirst();
}

export async function stageResult(ctx: Ctx): Promise<StageResultResponse> {
  const stage = stage1Of(ctx.pack);
  const snapshot = await loadSnapshot(ctx.db);
  const confirmation = snapshot ? await latestConfirmation(ctx.db) : undefined;
  return {
    stageId: "stage1",
    stageClosesAt: stage.closesAt,
    stageStatus: stageStatus(stage, ctx.clock.now()),
    snapshot: snapshot
      ? { stageId: "stage1", closedAt: snapshot.closedAt, closedByName: snapshot.closedByName, cutoff: snapshot.cutoff, sha256: snapshot.sha256, csvPath: SNAPSHOT_CSV_PATH, boards: snapshot.boards }
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
 * Freeze Stage 1: compute once, store boards + CSV + SHA-256, never again. A second call (or a
 * concurrent one) finds the stored snapshot and changes nothing.
 */
export async function closeStage1(ctx: Ctx, actor: UserRow): Promise<StageResultResponse & { alreadyClosed: boolean }> {
  if (await loadSnapshot(ctx.db)) return { ...(await stageResult(ctx)), alreadyClosed: true };
  const stage = stage1Of(ctx.pack);
  const now = ctx.clock.now();
  if (stageStatus(stage, now) !== "closed") throw new AppError(409, "STAGE_STILL_OPEN", `Stage 1 closes at ${stage.closesAt}`);
  const boards = await computeBoards(ctx);
  const csv = rankingCsv(boards);
  const sha256 = sha256Hex(csv);
  const won = await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .insertInto("stageSnapshots")
      .values({ stageId: "stage1", closedAt: now.toISOString(), closedBy: actor.id, cutoff: stage.closesAt, boardsJson: JSON.stringify(boards), csv, sha256 })
      .onConflict((oc) => oc.column("stageId").doNothing())
      .executeTakeFirst();
    const inserted = Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
    if (inserted) {
      const proposed = proposeQualifiers(boards, ctx.pack.ranking);
      await recordAudit(trx, { actorId: actor.id, action: "stage.close", subject: "stage1", details: { sha256, cutoff: stage.closesAt, proposed } }, now);
    }
    return inserted;
  });
  invalidateLiveBoards(ctx.db);
  return { ...(await stageResult(ctx)), alreadyClosed: !won };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("|") === [...b].sort().join("|");

/** The organiser's decision on who goes to Stage 2; a change from the proposal (or from an earlier decision) needs a reason. */
export async function confirmQualifiers(ctx: Ctx, actor: UserRow, req: ConfirmQualifiersRequest): Promise<StageResultResponse> {
  const snapshot = await loadSnapshot(ctx.db);
  if (!snapshot) throw new AppError(409, "SNAPSHOT_MISSING", "Close Stage 1 first");
  const codes = [...new Set(req.unitCodes)];
  const known = new Set([...snapshot.boards.commune, ...snapshot.boards.department].map((u) => u.unitCode));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw new AppError(400, "UNIT_UNKNOWN", `Unknown units: ${unknown.join(", ")}`, { unitCodes: `Đơn vị không có trong bảng xếp hạng: ${unknown.join(", ")}` });
  const proposed: Qualifiers = proposeQualifiers(snapshot.boards, ctx.pack.ranking);
  const proposedCodes = [...proposed.communes, ...proposed.departments];
  const previous = await latestConfirmation(ctx.db);
  const previousCodes = previous ? (JSON.parse(previous.unitCodes) as string[]) : null;
  if (previousCodes && sameSet(previousCodes, codes)) return stageResult(ctx);
  const changed = !sameSet(codes, proposedCodes);
  const reason = req.reason?.trim() || null;
  if ((changed || previousCodes) && !reason)
    throw new AppError(400, "VALIDATION_FAILED", "A reason is required when the selection differs from the proposal or an earlier decision", {
      reason: "Vui lòng ghi lý do khi thay đổi so với danh sách đề xuất hoặc quyết định trước.",
    });
  const now = ctx.clock.now();
  const count = await ctx.db.selectFrom("qualifierConfirmations").select((eb) => eb.fn.countAll<number>().as("n")).where("stageId", "=", "stage1").executeTakeFirstOrThrow();
  // A sequence id orders decisions even within one millisecond; two organisers racing collide on it.
  const id = `stage1-${String(Number(count.n) + 1).padStart(4, "0")}`;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("qualifierConfirmations")
      .values({ id, stageId: "stage1", unitCodes: JSON.stringify(codes), proposed: JSON.stringify(proposed), changed: changed ? 1 : 0, reason, confirmedBy: actor.id, confirmedAt: now.toISOString() })
      .execute();
    await recordAudit(
      trx,
      { actorId: actor.id, action: "qualifiers.confirm", subject: "stage1", details: { unitCodes: codes, proposed: proposedCodes, changed, reason, previous: previousCodes } },
      now,
    );
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) throw new AppError(409, "CONFLICT", "Another confirmation was recorded at the same time");
    throw err;
  });
  return stageResult(ctx);
}
