import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lessonQuota } from "./blueprint";
import { bankIdOf, decodeOptionOrder, displayIdOf, drawPaper, encodeOptionOrder, type Rng } from "./paper";
import type { BankQuestion } from "./question.schema";
import { mulberry32 } from "../shared/random";

/** A small deterministic PRNG so failures reproduce. */
const seeded = (seed: number): Rng => mulberry32(seed);

const lessons = Array.from({ length: 14 }, (_, i) => `bai-${String(i + 1).padStart(2, "0")}`);
const bank: BankQuestion[] = lessons.flatMap((lessonId, l) =>
  Array.from({ length: 10 + (l % 3) }, (_, k) => ({
    id: `q-${l}-${k}`,
    lessonId,
    difficulty: "easy" as const,
    stem: `Câu ${k} bài ${l}`,
    options: ["a", "b", "c", "d"].map((id) => ({ id, text: `Phương án ${id}` })),
    correctOptionId: "a",
    explanation: "Vì vậy.",
    lessonMomentSec: k,
  })),
);
const lessonOf = new Map(bank.map((q) => [q.id, q.lessonId]));

describe("drawPaper", () => {
  const quota = lessonQuota(lessons, 30);

  it("every paper has 30 distinct questions meeting the per-lesson blueprint, with all options", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const paper = drawPaper(bank, quota, seeded(seed));
        expect(paper).toHaveLength(30);
        expect(new Set(paper.map((p) => p.questionId)).size).toBe(30);
        const perLesson = new Map<string, number>();
        for (const p of paper) perLesson.set(lessonOf.get(p.questionId)!, (perLesson.get(lessonOf.get(p.questionId)!) ?? 0) + 1);
        for (const [lesson, n] of quota) expect(perLesson.get(lesson) ?? 0).toBe(n);
        for (const p of paper) expect([...p.optionOrder].sort()).toEqual(["a", "b", "c", "d"]);
      }),
      { numRuns: 200 },
    );
  });

  it("shuffles per attempt: question choice, question order and option order differ between papers", () => {
    const papers = Array.from({ length: 20 }, (_, i) => drawPaper(bank, quota, seeded(i + 1)));
    const choices = new Set(papers.map((p) => p.map((q) => q.questionId).sort().join()));
    const orders = new Set(papers.map((p) => p.map((q) => q.questionId).join()));
    const optionOrders = new Set(papers.flatMap((p) => p.map((q) => q.optionOrder.join(""))));
    expect(choices.size).toBe(20);
    expect(orders.size).toBe(20);
    expect(optionOrders.size).toBeGreaterThan(12);
    // Not grouped by lesson: the first five questions come from more than one lesson in most papers.
    expect(papers.filter((p) => new Set(p.slice(0, 5).map((q) => lessonOf.get(q.questionId))).size > 1).length).toBeGreaterThan(15);
  });

  it("puts each option in each position about equally often (unbiased shuffle)", () => {
    const rng = seeded(7);
    const firstSeen = new Map<string, number>();
    for (let i = 0; i < 400; i++) for (const q of drawPaper(bank, quota, rng)) firstSeen.set(q.optionOrder[0]!, (firstSeen.get(q.optionOrder[0]!) ?? 0) + 1);
    // 12,000 draws, 3,000 expected per option; 5 sigma ≈ 240.
    for (const n of firstSeen.values()) expect(Math.abs(n - 3000)).toBeLessThan(300);
  });

  it("refuses a quota the bank cannot meet", () => {
    expect(() => drawPaper(bank, new Map([["bai-01", 50]]), seeded(1))).toThrow(/bai-01/);
  });
});

describe("display option ids", () => {
  it("relabels options a, b, c… in the order shown and maps back", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(["a", "b", "c", "d", "e", "f"], { minLength: 2 }), (order) => {
        const stored = decodeOptionOrder(encodeOptionOrder(order));
        expect(stored).toEqual(order);
        order.forEach((bankId, i) => {
          const shown = displayIdOf(stored, bankId)!;
          expect(shown).toBe("abcdef"[i]);
          expect(bankIdOf(stored, shown)).toBe(bankId);
        });
        expect(bankIdOf(stored, "abcdef"[order.length] ?? "z")).toBeNull();
      }),
    );
  });
});
