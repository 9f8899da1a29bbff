import { participationStage } from "../../../domain/contest/participation";
import { formulaText, rankBoard, TIE_BREAK_TEXT, type UnitStats } from "../../../domain/ranking/ranking";
import type { Formula } from "../../../domain/ranking/ranking.schema";
import { boardOfKind } from "../../../domain/units/unit.schema";
import type { AppContext } from "../../app-context";
import type { ContestPack } from "../../content/pack-loader";
import { participationScope, unitTotals } from "../participation";
import { type Boards, frozenBoardsOf } from "../stages";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "dialect" | "caches">;
export type { Boards };

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
      headcount: a?.headcount ?? null,
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
/** Per app (on its context): the city-wide aggregate is shared by everyone opening the rankings tab. */
export type RankingCache = { live: LiveEntry | null };
export const createRankingCache = (): RankingCache => ({ live: null });

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
  const cache = ctx.caches.ranking;
  const entry = (cache.live ??= { at: 0, value: null, pending: null });
  const ttl = ctx.pack.ranking.liveCacheSeconds * 1000;
  // liveCacheSeconds 0: no cache at all, every reader gets a ranking computed after it asked.
  if (ttl === 0) return refresh(ctx, entry, now);
  if (entry.value && now >= entry.at && now - entry.at < ttl) return entry.value;
  const pending = entry.pending ?? refresh(ctx, entry, now);
  return entry.value ?? pending;
}

/** After a roster change the unit's lead expects to see it at once. */
export function invalidateLiveBoards(ctx: Pick<AppContext, "caches">): void {
  // Drop the ranking and any recompute that started before the change.
  ctx.caches.ranking.live = null;
}

/** The published ranking once Stage 1 is closed (its frozen snapshot), else the live one. */
export async function currentBoards(ctx: Ctx) {
  const snapshot = await frozenBoardsOf(ctx);
  if (snapshot) return { source: "snapshot" as const, boards: snapshot.boards, generatedAt: snapshot.closedAt, snapshot: { stageId: participationStage(ctx.pack.stages).id, sha256: snapshot.sha256, closedAt: snapshot.closedAt } };
  const live = await liveBoards(ctx);
  return { source: "live" as const, boards: live.boards, generatedAt: live.generatedAt, snapshot: null };
}

/** What the stages feature freezes when Stage 1 closes (registered in app.ts). */
export const liveRankingSource = { compute: computeBoards, invalidate: invalidateLiveBoards };
