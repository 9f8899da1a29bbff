import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countedScore, rankAmong, scorePaper, secondsBetween } from "./scoring";

const keyArb = fc.uniqueArray(fc.record({ questionId: fc.string({ minLength: 1, maxLength: 6 }), correctOptionId: fc.constantFrom("a", "b", "c", "d") }), {
  selector: (k) => k.questionId,
  minLength: 1,
  maxLength: 40,
});

describe("scorePaper", () => {
  it("counts exactly the answers equal to the key, and the percent follows", () => {
    fc.assert(
      fc.property(keyArb, fc.array(fc.constantFrom("a", "b", "c", "d", null), { maxLength: 40 }), (key, picks) => {
        const answers = new Map<string, string>();
        key.forEach((k, i) => picks[i] && answers.set(k.questionId, picks[i]!));
        const s = scorePaper(key, answers);
        const expected = key.filter((k, i) => picks[i] === k.correctOptionId).length;
        expect(s.correctCount).toBe(expected);
        expect(s.questionCount).toBe(key.length);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        expect(Math.abs(s.score - (expected * 100) / key.length)).toBeLessThanOrEqual(0.005);
      }),
    );
  });

  it("gives 100 for the key itself, 0 for nothing, and ignores answers to questions not on the paper", () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        const all = new Map(key.map((k) => [k.questionId, k.correctOptionId]));
        expect(scorePaper(key, all).score).toBe(100);
        expect(scorePaper(key, new Map()).score).toBe(0);
        all.set("không-có-trong-đề", "a");
        expect(scorePaper(key, all).correctCount).toBe(key.length);
      }),
    );
  });

  it("never goes down when a wrong answer is corrected, and does not depend on question order", () => {
    fc.assert(
      fc.property(keyArb, fc.nat(), (key, pick) => {
        const answers = new Map(key.map((k) => [k.questionId, k.correctOptionId === "a" ? "b" : "a"]));
        const before = scorePaper(key, answers);
        const target = key[pick % key.length]!;
        answers.set(target.questionId, target.correctOptionId);
        expect(scorePaper(key, answers).correctCount).toBe(before.correctCount + 1);
        expect(scorePaper([...key].reverse(), answers)).toEqual(scorePaper(key, answers));
      }),
    );
  });
});

describe("countedScore", () => {
  const attempts = [
    { startedAt: "2026-06-01T01:00:00.000Z", score: 60 },
    { startedAt: "2026-06-03T01:00:00.000Z", score: 50 },
    { startedAt: "2026-06-02T01:00:00.000Z", score: 90 },
  ];
  it("picks best, first or last by start time, and null with no finished attempt", () => {
    expect(countedScore(attempts, "best")).toBe(90);
    expect(countedScore(attempts, "first")).toBe(60);
    expect(countedScore(attempts, "last")).toBe(50);
    expect(countedScore([], "best")).toBeNull();
  });

  it("best is never below any attempt and is one of them", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ startedAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), score: fc.integer({ min: 0, max: 100 }) }), { minLength: 1 }), (list) => {
        const best = countedScore(list, "best")!;
        expect(list.every((a) => a.score <= best)).toBe(true);
        expect(list.some((a) => a.score === best)).toBe(true);
      }),
    );
  });
});

describe("rankAmong", () => {
  it("ranks ties equally (1, 2, 2, 4)", () => {
    const scores = [90, 80, 80, 70];
    expect(scores.map((s) => rankAmong(s, scores).position)).toEqual([1, 2, 2, 4]);
    expect(rankAmong(80, scores).of).toBe(4);
  });
});

describe("secondsBetween", () => {
  it("rounds to whole seconds and never goes negative", () => {
    expect(secondsBetween("2026-06-01T00:00:00.000Z", "2026-06-01T00:12:30.400Z")).toBe(750);
    expect(secondsBetween("2026-06-01T00:00:10.000Z", "2026-06-01T00:00:00.000Z")).toBe(0);
  });
});
