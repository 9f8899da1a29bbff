import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JuryConfigSchema } from "./jury.config";
import { bordaCounts, commentRequired, cutDisagreements, isOnStep, judgeCentredMeans, type Mark, medianRanks, rawMeans, roundResults, trimmedMean, weightedScore } from "./scoring";

const cfg = JuryConfigSchema.parse({});
const entryIds = (n: number) => Array.from({ length: n }, (_, i) => `e${String(i + 1).padStart(2, "0")}`);
const entries = (n: number) => entryIds(n).map((id) => ({ entryId: id, entryCode: id.toUpperCase() }));

/** Full matrices: every judge scored every entry (no recusal). */
const fullMatrix = fc
  .record({ judges: fc.integer({ min: 1, max: 7 }), entries: fc.integer({ min: 2, max: 12 }) })
  .chain(({ judges, entries }) =>
    fc.array(fc.array(fc.integer({ min: 0, max: 20 }).map((x) => x / 2), { minLength: entries, maxLength: entries }), { minLength: judges, maxLength: judges }),
  )
  .map((rows) => rows.flatMap((row, j) => row.map((total, k) => ({ judgeId: `j${j}`, entryId: entryIds(row.length)[k] as string, total }))));

describe("weighted rubric score", () => {
  it("is the weight-normalised mean of the criteria and stays within 0–10", () => {
    const all = (x: number) => Object.fromEntries(cfg.rubric.map((c) => [c.key, x]));
    expect(weightedScore(all(7), cfg.rubric)).toBeCloseTo(7, 10);
    const rubric = [
      { key: "a", name: "A", description: "a", weight: 3, anchors: {} },
      { key: "b", name: "B", description: "b", weight: 1, anchors: {} },
    ];
    expect(weightedScore({ a: 10, b: 2 }, rubric)).toBe(8);
    expect(() => weightedScore({ a: 10 }, rubric)).toThrow(/b/);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: cfg.rubric.length, maxLength: cfg.rubric.length }), (xs) => {
        const s = weightedScore(Object.fromEntries(cfg.rubric.map((c, i) => [c.key, xs[i] as number])), cfg.rubric);
        return s >= Math.min(...xs) - 1e-9 && s <= Math.max(...xs) + 1e-9;
      }),
    );
  });
  it("accepts scores on the pack's step and asks for a comment at the extremes", () => {
    expect(isOnStep(7.5, 0.5)).toBe(true);
    expect(isOnStep(7.3, 0.5)).toBe(false);
    expect(isOnStep(10.5, 0.5)).toBe(false);
    expect(isOnStep(-1, 1)).toBe(false);
    expect([0, 2, 2.5, 8.5, 9, 10].map((x) => commentRequired(x, cfg.extremes))).toEqual([true, true, false, false, true, true]);
  });
});

describe("judge-centred mean", () => {
  it("equals the raw mean when nobody recused (property)", () => {
    fc.assert(
      fc.property(fullMatrix, (marks) => {
        const raw = rawMeans(marks);
        const centred = judgeCentredMeans(marks);
        return [...raw].every(([k, v]) => Math.abs((centred.get(k) as number) - v) < 1e-9);
      }),
    );
  });
  it("so the ranking is the raw ranking with no recusal (property)", () => {
    fc.assert(
      fc.property(fullMatrix, (marks) => {
        const ids = [...new Set(marks.map((m) => m.entryId))];
        const res = roundResults(marks, entries(ids.length), []);
        return res.every((r) => r.methodRanks.rawMean === r.rank);
      }),
    );
  });
  it("corrects the absence of a lenient judge", () => {
    // j1 scores everything ~4 higher; j1 recused from e1. Raw mean penalises e1; centred does not.
    const marks: Mark[] = [
      { judgeId: "j1", entryId: "e2", total: 10 },
      { judgeId: "j1", entryId: "e3", total: 9 },
      { judgeId: "j2", entryId: "e1", total: 7 },
      { judgeId: "j2", entryId: "e2", total: 6 },
      { judgeId: "j2", entryId: "e3", total: 5 },
      { judgeId: "j3", entryId: "e1", total: 7 },
      { judgeId: "j3", entryId: "e2", total: 6 },
      { judgeId: "j3", entryId: "e3", total: 5 },
    ];
    const raw = rawMeans(marks);
    expect(raw.get("e1")).toBeLessThan(raw.get("e2") as number);
    const c = judgeCentredMeans(marks);
    expect(c.get("e1")).toBeGreaterThan(c.get("e2") as number);
  });
  it("is unchanged when one judge adds a constant to all their scores (property)", () => {
    fc.assert(
      fc.property(fullMatrix, fc.integer({ min: -3, max: 3 }), (marks, shift) => {
        const a = judgeCentredMeans(marks);
        const b = judgeCentredMeans(marks.map((m) => (m.judgeId === "j0" ? { ...m, total: m.total + shift } : m)));
        const diffs = [...a].map(([k, v]) => (b.get(k) as number) - v);
        return diffs.every((d) => Math.abs(d - (diffs[0] as number)) < 1e-9);
      }),
    );
  });
});

describe("median rank and Borda", () => {
  it("agree with a unanimous jury", () => {
    const marks = ["j1", "j2", "j3"].flatMap((j) => [
      { judgeId: j, entryId: "a", total: 9 },
      { judgeId: j, entryId: "b", total: 7 },
      { judgeId: j, entryId: "c", total: 5 },
    ]);
    expect(Object.fromEntries(medianRanks(marks))).toEqual({ a: 1, b: 2, c: 3 });
    expect(Object.fromEntries(bordaCounts(marks))).toEqual({ a: 6, b: 3, c: 0 });
  });
  it("hand out exactly n(n−1)/2 points per judge, ties sharing (property)", () => {
    fc.assert(
      fc.property(fullMatrix, (marks) => {
        const judges = new Set(marks.map((m) => m.judgeId)).size;
        const n = new Set(marks.map((m) => m.entryId)).size;
        const total = [...bordaCounts(marks).values()].reduce((a, b) => a + b, 0);
        return Math.abs(total - (judges * n * (n - 1)) / 2) < 1e-9;
      }),
    );
  });
  it("median ranks lie in 1..n (property)", () => {
    fc.assert(
      fc.property(fullMatrix, (marks) => {
        const n = new Set(marks.map((m) => m.entryId)).size;
        return [...medianRanks(marks).values()].every((r) => r >= 1 && r <= n);
      }),
    );
  });
});

describe("trimmed mean", () => {
  it("drops one highest and one lowest with ≥ 5 judges, not with fewer", () => {
    expect(trimmedMean([1, 8, 8, 8, 10], { minJudges: 5, drop: 1 })).toBe(8);
    expect(trimmedMean([1, 8, 9, 10], { minJudges: 5, drop: 1 })).toBe(7);
    expect(() => trimmedMean([], { minJudges: 5, drop: 1 })).toThrow();
  });
  it("lies between the min and max and ignores one outlier (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 12 }), fc.integer({ min: 0, max: 100 }), (xs, wild) => {
        const t = trimmedMean(xs, { minJudges: 5, drop: 1 });
        const sorted = [...xs].sort((a, b) => a - b);
        const withOutlier = trimmedMean([...xs.slice(1), wild < 50 ? -1000 : 1000], { minJudges: 5, drop: 1 });
        return t >= (sorted[0] as number) && t <= (sorted.at(-1) as number) && Number.isFinite(withOutlier) && Math.abs(withOutlier) <= 100;
      }),
    );
  });
});

describe("tie-break and the cut", () => {
  it("settles equal judge-centred means by the pack's keys, then by entry code", () => {
    const marks: Mark[] = [
      { judgeId: "j1", entryId: "a", total: 8, criteria: { impact: 6 } },
      { judgeId: "j1", entryId: "b", total: 8, criteria: { impact: 9 } },
      { judgeId: "j2", entryId: "a", total: 6, criteria: { impact: 6 } },
      { judgeId: "j2", entryId: "b", total: 6, criteria: { impact: 9 } },
    ];
    const ents = [{ entryId: "a", entryCode: "A" }, { entryId: "b", entryCode: "B" }];
    expect(roundResults(marks, ents, ["criterion:impact"]).map((r) => r.entryId)).toEqual(["b", "a"]);
    expect(roundResults(marks, ents, []).map((r) => r.entryId)).toEqual(["a", "b"]);
  });
  it("ranks are a permutation 1..n under every method (property)", () => {
    fc.assert(
      fc.property(fullMatrix, (marks) => {
        const n = new Set(marks.map((m) => m.entryId)).size;
        const res = roundResults(marks, entries(n), cfg.tieBreak);
        const perm = (xs: number[]) => [...xs].sort((a, b) => a - b).join() === Array.from({ length: n }, (_, i) => i + 1).join();
        return perm(res.map((r) => r.rank)) && (["judgeCentred", "rawMean", "medianRank", "borda"] as const).every((m) => perm(res.map((r) => r.methodRanks[m])));
      }),
    );
  });
  it("flags entries that one method puts in the top 6 and another outside", () => {
    // Judge-centred/raw favour e07 (one very high score); median rank and Borda favour e06.
    const ids = entryIds(8);
    const base = [9, 8.5, 8, 7.5, 7, 6.5, 6, 5];
    const marks: Mark[] = ["j1", "j2", "j3"].flatMap((j) => ids.map((e, i) => ({ judgeId: j, entryId: e, total: base[i] as number })));
    marks.push({ judgeId: "j4", entryId: "e07", total: 10 }, ...ids.filter((e) => e !== "e07").map((e, i) => ({ judgeId: "j4", entryId: e, total: base[i >= 6 ? i + 1 : i] as number })));
    const res = roundResults(marks, entries(8), []);
    const flags = cutDisagreements(res, 6);
    expect(flags.map((f) => f.entryId).sort()).toEqual(["e06", "e07"]);
    expect(cutDisagreements(roundResults(marks.filter((m) => m.judgeId !== "j4"), entries(8), []), 6)).toEqual([]);
  });
});

describe("jury config", () => {
  it("rejects a tie-break on an unknown criterion and inverted extremes", () => {
    expect(JuryConfigSchema.safeParse({ tieBreak: ["criterion:nope"] }).success).toBe(false);
    expect(JuryConfigSchema.safeParse({ extremes: { low: 9, high: 2 } }).success).toBe(false);
    expect(JuryConfigSchema.safeParse({}).success).toBe(true);
  });
});
