import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Prize } from "../contest/contest.schema";
import { allocatePrizes, drawOrder, finalResults, revealedRanks } from "./final";

const prizes: Prize[] = [
  { name: "Giải Nhất", count: 1, amountVnd: 10_000_000, ranking: "final" },
  { name: "Giải Nhì", count: 2, amountVnd: 5_000_000, ranking: "final" },
  { name: "Giải Ba", count: 3, amountVnd: 3_000_000, ranking: "final" },
  { name: "Giải Khuyến khích", count: 5, amountVnd: 2_000_000, ranking: "round1NotFinal" },
];
const ranked = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ entryId: `${prefix}${i + 1}`, unitCode: `U${prefix}${i + 1}` }));

describe("presentation order draw", () => {
  it("is reproducible from the seed and independent of input order", () => {
    const ids = ["f1", "f2", "f3", "f4", "f5", "f6"];
    expect(drawOrder(ids, "seed-1")).toEqual(drawOrder([...ids].reverse(), "seed-1"));
    const orders = new Set(Array.from({ length: 30 }, (_, i) => drawOrder(ids, `s${i}`).join()));
    expect(orders.size).toBeGreaterThan(10);
  });
  it("is a permutation (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 12 }), fc.string(), (ids, seed) => {
        return [...drawOrder(ids, seed)].sort().join("\u0000") === [...ids].sort().join("\u0000");
      }),
    );
  });
});

describe("final ranking and reveal", () => {
  it("ranks by trimmed mean, then plain mean, then round-1 rank", () => {
    const finalists = [
      { entryId: "a", entryCode: "A", round1Rank: 2 },
      { entryId: "b", entryCode: "B", round1Rank: 1 },
      { entryId: "c", entryCode: "C", round1Rank: 3 },
    ];
    const marks = [
      ...[10, 8, 8, 8, 0].map((t, j) => ({ judgeId: `j${j}`, entryId: "a", total: t })), // trimmed 8, mean 6.8
      ...[8, 8, 8, 8, 8].map((t, j) => ({ judgeId: `j${j}`, entryId: "b", total: t })), // trimmed 8, mean 8
      ...[9, 9, 9, 9, 9].map((t, j) => ({ judgeId: `j${j}`, entryId: "c", total: t })),
    ];
    expect(finalResults(marks, finalists, { minJudges: 5, drop: 1 }).map((r) => [r.entryId, r.rank, r.trimmedMean])).toEqual([
      ["c", 1, 9],
      ["b", 2, 8],
      ["a", 3, 8],
    ]);
  });
  it("reveals from 6th to 1st", () => {
    expect(revealedRanks(6, 0)).toEqual([]);
    expect(revealedRanks(6, 2)).toEqual([6, 5]);
    expect(revealedRanks(6, 9)).toEqual([6, 5, 4, 3, 2, 1]);
  });
});

describe("prize allocation", () => {
  it("gives 1st, 2×2nd, 3×3rd by final rank and 5 encouragement prizes to the others", () => {
    const awards = allocatePrizes(prizes, { final: ranked("f", 6), round1NotFinal: ranked("r", 5) });
    expect(awards.map((a) => `${a.prizeName}:${a.entryId}`)).toEqual([
      "Giải Nhất:f1", "Giải Nhì:f2", "Giải Nhì:f3", "Giải Ba:f4", "Giải Ba:f5", "Giải Ba:f6",
      "Giải Khuyến khích:r1", "Giải Khuyến khích:r2", "Giải Khuyến khích:r3", "Giải Khuyến khích:r4", "Giải Khuyến khích:r5",
    ]);
  });
  it("never gives a unit two prizes nor a prize more than its count (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 3 }), (nf, nr, overlap) => {
        const final = ranked("f", nf);
        const others = [...final.slice(0, overlap), ...ranked("r", nr)];
        const awards = allocatePrizes(prizes, { final, round1NotFinal: others });
        const units = awards.map((a) => a.unitCode);
        const perPrize = prizes.every((p, i) => awards.filter((a) => a.prizeIndex === i).length <= p.count);
        return new Set(units).size === units.length && perPrize && awards.length === Math.min(6, nf) + Math.min(5, Math.max(0, nr + Math.min(overlap, nf) - Math.min(overlap, nf, 6)));
      }),
    );
  });
});
