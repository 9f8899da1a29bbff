import type { Prize } from "../contest/contest.schema";
import { mulberry32 } from "../shared/random";
import { trimmedMean } from "./scoring";

/** A deterministic PRNG from a text seed (xmur3 hash → mulberry32): the same seed always draws the same order. */
export function seededRng(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return mulberry32(h);
}

/**
 * The presentation order: the ids sorted (so the input order does not matter), then Fisher–Yates
 * with the published seed. Anyone holding the seed can redo the draw.
 */
export function drawOrder(ids: readonly string[], seed: string): string[] {
  const a = [...ids].sort();
  const rng = seededRng(seed);
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j] as string, a[i] as string];
  }
  return a;
}

export type FinalMark = { judgeId: string; entryId: string; total: number };
export type FinalResult = { entryId: string; entryCode: string; judges: number; trimmedMean: number; mean: number; round1Rank: number; rank: number };

/**
 * The final's ranking: trimmed mean of the judges' totals (pack setting), ties by the plain mean,
 * then by the round-1 rank (the better finalist of round 1 first).
 */
export function finalResults(
  marks: readonly FinalMark[],
  finalists: readonly { entryId: string; entryCode: string; round1Rank: number }[],
  trim: { minJudges: number; drop: number },
): FinalResult[] {
  const rows = finalists
    .map((f) => {
      const totals = marks.filter((m) => m.entryId === f.entryId).map((m) => m.total);
      if (!totals.length) return null;
      const tm = trimmedMean(totals, trim);
      const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
      return { ...f, judges: totals.length, trimmedMean: Math.round(tm * 10_000) / 10_000, mean: Math.round(mean * 10_000) / 10_000 };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
  rows.sort((a, b) => b.trimmedMean - a.trimmedMean || b.mean - a.mean || a.round1Rank - b.round1Rank);
  return rows.map((r, i) => ({ ...r, rank: i + 1 }));
}

/** The reveal runs from last place to first: after `revealed` steps the presenter shows these ranks. */
export function revealedRanks(total: number, revealed: number): number[] {
  const n = Math.max(0, Math.min(total, revealed));
  return Array.from({ length: n }, (_, i) => total - i);
}

export type Award = { prizeIndex: number; prizeName: string; amountVnd: number; entryId: string; unitCode: string; position: number };
type Ranked = { entryId: string; unitCode: string };

/**
 * Give each prize, in pack order, to the next `count` entries of the ranking it follows
 * ("final": finalists by final rank; "round1NotFinal": round-1 ranking without the finalists).
 * Nobody gets two prizes; a ranking that runs out leaves the rest of the prize unawarded.
 */
export function allocatePrizes(prizes: readonly Prize[], rankings: { final: readonly Ranked[]; round1NotFinal: readonly Ranked[] }): Award[] {
  const next = { final: 0, round1NotFinal: 0 };
  const given = new Set<string>();
  const awards: Award[] = [];
  prizes.forEach((p, prizeIndex) => {
    const list = rankings[p.ranking];
    for (let n = 0; n < p.count; ) {
      const e = list[next[p.ranking]++];
      if (!e) break;
      if (given.has(e.unitCode)) continue;
      given.add(e.unitCode);
      awards.push({ prizeIndex, prizeName: p.name, amountVnd: p.amountVnd, entryId: e.entryId, unitCode: e.unitCode, position: awards.length + 1 });
      n++;
    }
  });
  return awards;
}
