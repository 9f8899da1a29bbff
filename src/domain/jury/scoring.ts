import type { Criterion, RankingMethod, TieBreak } from "./jury.config";

/** One submitted total: judge j's weighted score of entry k (0–10). */
export type Mark = { judgeId: string; entryId: string; total: number; criteria?: Record<string, number> };

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Weighted mean of the criterion scores (0–10); throws on a missing criterion. */
export function weightedScore(scores: Readonly<Record<string, number>>, rubric: readonly Criterion[]): number {
  let sum = 0;
  let weights = 0;
  for (const c of rubric) {
    const x = scores[c.key];
    if (x === undefined || !Number.isFinite(x)) throw new Error(`missing score for ${c.key}`);
    sum += c.weight * x;
    weights += c.weight;
  }
  return sum / weights;
}

/** A score is valid when it lies in 0–10 on the pack's step. */
export function isOnStep(x: number, step: number): boolean {
  if (!(x >= 0 && x <= 10)) return false;
  const n = x / step;
  return Math.abs(n - Math.round(n)) < 1e-9;
}

/** A comment is required at the extremes (≤ low or ≥ high). */
export const commentRequired = (x: number, extremes: { low: number; high: number }) => x <= extremes.low || x >= extremes.high;

function byEntry(marks: readonly Mark[]): Map<string, Mark[]> {
  const m = new Map<string, Mark[]>();
  for (const x of marks) m.set(x.entryId, [...(m.get(x.entryId) ?? []), x]);
  return m;
}
function byJudge(marks: readonly Mark[]): Map<string, Mark[]> {
  const m = new Map<string, Mark[]>();
  for (const x of marks) m.set(x.judgeId, [...(m.get(x.judgeId) ?? []), x]);
  return m;
}

export function rawMeans(marks: readonly Mark[]): Map<string, number> {
  return new Map([...byEntry(marks)].map(([k, ms]) => [k, mean(ms.map((m) => m.total))]));
}

/**
 * S_k = mean over judges j who scored k of (x_jk − μ_j) + μ̄, with μ_j judge j's mean and μ̄ the mean
 * of the μ_j. A lenient or harsh judge who recused from k no longer moves k relative to the others;
 * with no recusal S_k is exactly the raw mean. Not divided by the judge's deviation: ~11 entries are too few.
 */
export function judgeCentredMeans(marks: readonly Mark[]): Map<string, number> {
  const mu = new Map([...byJudge(marks)].map(([j, ms]) => [j, mean(ms.map((m) => m.total))]));
  const muBar = mean([...mu.values()]);
  return new Map([...byEntry(marks)].map(([k, ms]) => [k, mean(ms.map((m) => m.total - (mu.get(m.judgeId) as number))) + muBar]));
}

/** Ranks 1..n of one judge's entries, best first; ties share their average rank. */
function judgeRanks(ms: readonly Mark[]): Map<string, number> {
  const sorted = [...ms].sort((a, b) => b.total - a.total);
  const ranks = new Map<string, number>();
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as Mark).total === (sorted[i] as Mark).total) j++;
    const avg = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) ranks.set((sorted[t] as Mark).entryId, avg);
    i = j + 1;
  }
  return ranks;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
};

/** Median over judges of the rank each judge gave the entry (lower is better). */
export function medianRanks(marks: readonly Mark[]): Map<string, number> {
  const per = new Map<string, number[]>();
  for (const ms of byJudge(marks).values()) for (const [k, r] of judgeRanks(ms)) per.set(k, [...(per.get(k) ?? []), r]);
  return new Map([...per].map(([k, rs]) => [k, median(rs)]));
}

/** Borda: each judge gives (entries they scored − rank) points; ties share. Higher is better. */
export function bordaCounts(marks: readonly Mark[]): Map<string, number> {
  const pts = new Map<string, number>();
  for (const ms of byJudge(marks).values()) for (const [k, r] of judgeRanks(ms)) pts.set(k, (pts.get(k) ?? 0) + ms.length - r);
  return pts;
}

/** Drop `drop` highest and lowest values once there are at least `minJudges`, then average. */
export function trimmedMean(values: readonly number[], opts: { minJudges: number; drop: number }): number {
  if (values.length === 0) throw new Error("no values");
  const s = [...values].sort((a, b) => a - b);
  return mean(values.length >= opts.minJudges ? s.slice(opts.drop, s.length - opts.drop) : s);
}

export type EntryResult = {
  entryId: string;
  entryCode: string;
  judges: number;
  rawMean: number;
  judgeCentred: number;
  medianRank: number;
  borda: number;
  /** Final rank by judge-centred mean and the pack's tie-break. */
  rank: number;
  /** Rank under each method alone (1 = best; ties broken by entry code so every list is total). */
  methodRanks: Record<RankingMethod, number>;
};

/** Higher-is-better value of an entry under a method or criterion tie-break. */
type Scores = { judgeCentred: number; rawMean: number; medianRank: number; borda: number; criteria: Record<string, number> };
function keyValue(s: Scores, key: TieBreak): number {
  if (key === "medianRank") return -s.medianRank;
  if (key.startsWith("criterion:")) return s.criteria[key.slice(10)] ?? 0;
  return s[key as "judgeCentred" | "rawMean" | "borda"];
}
const EPS = 1e-9;

/**
 * Every round-1 figure per entry, ordered by the judge-centred mean, ties settled by the pack's
 * tie-break keys in order and finally by entry code (so the order is total and reproducible).
 */
export function roundResults(marks: readonly Mark[], entries: readonly { entryId: string; entryCode: string }[], tieBreak: readonly TieBreak[]): EntryResult[] {
  const raw = rawMeans(marks);
  const centred = judgeCentredMeans(marks);
  const med = medianRanks(marks);
  const borda = bordaCounts(marks);
  const entryMarks = byEntry(marks);
  const scored = entries
    .filter((e) => entryMarks.has(e.entryId))
    .map((e) => {
      const ms = entryMarks.get(e.entryId) as Mark[];
      const keys = new Set(ms.flatMap((m) => Object.keys(m.criteria ?? {})));
      const criteria = Object.fromEntries([...keys].map((c) => [c, mean(ms.map((m) => m.criteria?.[c] ?? 0))]));
      const s: Scores = { judgeCentred: centred.get(e.entryId) as number, rawMean: raw.get(e.entryId) as number, medianRank: med.get(e.entryId) as number, borda: borda.get(e.entryId) as number, criteria };
      return { ...e, judges: ms.length, s };
    });
  const order = (keys: readonly TieBreak[]) =>
    [...scored].sort((a, b) => {
      for (const k of keys) {
        const d = keyValue(b.s, k) - keyValue(a.s, k);
        if (Math.abs(d) > EPS) return d;
      }
      return a.entryCode < b.entryCode ? -1 : a.entryCode > b.entryCode ? 1 : 0;
    });
  const rankOf = (keys: readonly TieBreak[]) => new Map(order(keys).map((x, i) => [x.entryId, i + 1]));
  const methodRanks = Object.fromEntries((["judgeCentred", "rawMean", "medianRank", "borda"] as const).map((m) => [m, rankOf([m])])) as Record<RankingMethod, Map<string, number>>;
  return order(["judgeCentred", ...tieBreak]).map((x, i) => ({
    entryId: x.entryId,
    entryCode: x.entryCode,
    judges: x.judges,
    rawMean: round4(x.s.rawMean),
    judgeCentred: round4(x.s.judgeCentred),
    medianRank: x.s.medianRank,
    borda: x.s.borda,
    rank: i + 1,
    methodRanks: Object.fromEntries(Object.entries(methodRanks).map(([m, r]) => [m, r.get(x.entryId) as number])) as Record<RankingMethod, number>,
  }));
}

export type CutFlag = { entryId: string; entryCode: string; inBy: RankingMethod[]; outBy: RankingMethod[] };

/** Entries that some method puts inside the cut (top `cut`) and another outside: the page asks the jury to look again. */
export function cutDisagreements(results: readonly EntryResult[], cut: number): CutFlag[] {
  return results.flatMap((r) => {
    const methods = Object.keys(r.methodRanks) as RankingMethod[];
    const inBy = methods.filter((m) => r.methodRanks[m] <= cut);
    const outBy = methods.filter((m) => r.methodRanks[m] > cut);
    return inBy.length && outBy.length ? [{ entryId: r.entryId, entryCode: r.entryCode, inBy, outBy }] : [];
  });
}
