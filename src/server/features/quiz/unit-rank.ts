import { performance } from "node:perf_hooks";
import type { AppContext } from "../../app-context";
import { countedScores, unitCodeOf } from "./quiz.repository";

/**
 * Rank within the unit without reading the whole unit on every submit: per unit, everyone's
 * counted score, kept sorted, so a rank is a binary search. A unit is read once per period; within
 * it every attempt this process closes updates its person's entry, and the asker's own score is
 * always read fresh (one indexed read of their own attempts). What this process cannot see — an
 * attempt closed by another replica, someone moving unit — shows once the period ends.
 */
export const RANK_CACHE_MS = 30_000;

type UnitScores = { byUser: Map<string, number>; sorted: number[]; loadedAt: number };
export type RankCache = Map<string, UnitScores>;

type Ctx = Pick<AppContext, "db" | "pack" | "caches">;

const rule = (ctx: Ctx) => ctx.pack.quiz.countedAttempt;

/** Index of the first element ≥ x (or > x when `strict`), in an ascending array. */
function bound(sorted: readonly number[], x: number, strict = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x || (strict && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function setScore(unit: UnitScores, userId: string, score: number | null): void {
  const old = unit.byUser.get(userId);
  if (old === score) return;
  if (old !== undefined) {
    unit.sorted.splice(bound(unit.sorted, old), 1);
    unit.byUser.delete(userId);
  }
  if (score === null) return;
  unit.sorted.splice(bound(unit.sorted, score), 0, score);
  unit.byUser.set(userId, score);
}

async function unitScores(ctx: Ctx, unitCode: string): Promise<UnitScores> {
  const cache = ctx.caches.quiz.ranks;
  const hit = cache.get(unitCode);
  if (hit && performance.now() - hit.loadedAt < RANK_CACHE_MS) return hit;
  const rows = await countedScores(ctx.db, { unitCode }, rule(ctx));
  const unit: UnitScores = { byUser: new Map(rows.map((r) => [r.userId, r.score])), sorted: rows.map((r) => r.score).sort((a, b) => a - b), loadedAt: performance.now() };
  cache.set(unitCode, unit);
  return unit;
}

async function ownScore(ctx: Ctx, userId: string): Promise<number | null> {
  return (await countedScores(ctx.db, { userId }, rule(ctx)))[0]?.score ?? null;
}

/** Position (1 + how many score strictly higher) and of how many, or null without a counted score. */
export async function rankInUnit(ctx: Ctx, unitCode: string, userId: string): Promise<{ position: number; of: number } | null> {
  const mine = await ownScore(ctx, userId);
  const unit = await unitScores(ctx, unitCode);
  setScore(unit, userId, mine);
  if (mine === null) return null;
  // Ties share a place: the position is one more than the number of strictly higher scores.
  return { position: unit.sorted.length - bound(unit.sorted, mine, true) + 1, of: unit.sorted.length };
}

/** An attempt of this person was closed here (submit, expiry, sweeper): update their entry if their unit is cached. */
export async function noteClosed(ctx: Ctx, userId: string): Promise<void> {
  if (ctx.caches.quiz.ranks.size === 0) return;
  const unitCode = await unitCodeOf(ctx.db, userId);
  const unit = unitCode ? ctx.caches.quiz.ranks.get(unitCode) : undefined;
  if (unit) setScore(unit, userId, await ownScore(ctx, userId));
}
