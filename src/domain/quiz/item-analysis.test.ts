import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ITEM_ANALYSIS_DEFAULTS, type ItemCell, type OptionCell, analyseItems, analyseTest } from "./item-analysis";

type Attempt = { answers: Record<string, 0 | 1> };

/** The histograms the database would return for these attempts. */
function cellsOf(attempts: Attempt[]): { cells: ItemCell[]; options: OptionCell[] } {
  const cells = new Map<string, ItemCell>();
  const options = new Map<string, OptionCell>();
  for (const a of attempts) {
    const total = Object.values(a.answers).reduce<number>((s, x) => s + x, 0);
    for (const [q, x] of Object.entries(a.answers)) {
      const key = `${q}|${x}|${total}`;
      const c = cells.get(key) ?? { questionId: q, correct: x, total, count: 0 };
      c.count += 1;
      cells.set(key, c);
      const optionId = x ? "a" : "b";
      const o = options.get(`${q}|${optionId}`) ?? { questionId: q, optionId, isKey: x === 1, count: 0, sumTotal: 0 };
      o.count += 1;
      o.sumTotal += total;
      options.set(`${q}|${optionId}`, o);
    }
  }
  return { cells: [...cells.values()], options: [...options.values()] };
}

function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < n; i++) {
    cov += (xs[i]! - mx) * (ys[i]! - my);
    vx += (xs[i]! - mx) ** 2;
    vy += (ys[i]! - my) ** 2;
  }
  return (100 * cov) / Math.sqrt(vx * vy);
}

const everyone = { ...ITEM_ANALYSIS_DEFAULTS, minN: 1 };

describe("item analysis", () => {
  it("matches hand-computed values on a small fixture", () => {
    // Five candidates, three questions. Totals: 3, 2, 2, 1, 0.
    const attempts: Attempt[] = [
      { answers: { q1: 1, q2: 1, q3: 1 } },
      { answers: { q1: 1, q2: 1, q3: 0 } },
      { answers: { q1: 1, q2: 0, q3: 1 } },
      { answers: { q1: 0, q2: 1, q3: 0 } },
      { answers: { q1: 0, q2: 0, q3: 0 } },
    ];
    const { cells, options } = cellsOf(attempts);
    const q1 = analyseItems(cells, options, new Map(), everyone).find((s) => s.questionId === "q1")!;
    // q1 = [1,1,1,0,0]; rest = [2,1,1,1,0]: cov = 0.8 − 0.6·1 = 0.2, var q1 = 0.24, var rest = 1.4 − 1 = 0.4
    expect(q1.n).toBe(5);
    expect(q1.facility).toBeCloseTo(0.6, 10);
    expect(q1.discrimination).toBeCloseTo((100 * 0.2) / Math.sqrt(0.24 * 0.4), 8);
    // Best pairing of the same marginals: the three highest rests (2,1,1) get the 1s — the same as here.
    expect(q1.efficiency).toBeCloseTo(100, 8);
    const key = q1.options.find((o) => o.isKey)!;
    expect(key.share).toBeCloseTo(0.6, 10);
    expect(key.meanTotal).toBeCloseTo((3 + 2 + 2) / 3, 10);

    const test = analyseTest([{ total: 3, count: 1 }, { total: 2, count: 2 }, { total: 1, count: 1 }, { total: 0, count: 1 }], analyseItems(cells, options, new Map(), everyone), 3);
    expect(test.attempts).toBe(5);
    expect(test.mean).toBeCloseTo(1.6, 10);
    expect(test.median).toBe(2);
    expect(test.sd).toBeCloseTo(Math.sqrt(1.04), 10);
    // KR-20 = 3/2 · (1 − (0.24+0.24+0.24)/1.04)
    expect(test.kr20).toBeCloseTo(1.5 * (1 - 0.72 / 1.04), 8);
  });

  it("equals the Pearson correlation of item and rest computed from raw attempts, on random papers", () => {
    const bank = ["q1", "q2", "q3", "q4", "q5", "q6"];
    const attemptArb = fc.record({
      picks: fc.shuffledSubarray(bank, { minLength: 3, maxLength: 3 }),
      right: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(attemptArb, { minLength: 10, maxLength: 80 }), (raw) => {
        const attempts: Attempt[] = raw.map((r) => ({ answers: Object.fromEntries(r.picks.map((q, i) => [q, r.right[i] ? 1 : 0])) }));
        const { cells, options } = cellsOf(attempts);
        for (const stat of analyseItems(cells, options, new Map(), everyone)) {
          const seen = attempts.filter((a) => stat.questionId in a.answers);
          const xs = seen.map((a) => a.answers[stat.questionId]!);
          const rest = seen.map((a) => Object.values(a.answers).reduce<number>((s, x) => s + x, 0) - a.answers[stat.questionId]!);
          expect(stat.n).toBe(seen.length);
          const expected = pearson(xs, rest);
          if (Number.isFinite(expected) && stat.discrimination !== null) expect(stat.discrimination).toBeCloseTo(expected, 6);
          if (stat.efficiency !== null) expect(stat.efficiency).toBeLessThanOrEqual(100 + 1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("gives 100 for a perfectly discriminating item and facility 1 for an item everybody gets right", () => {
    fc.assert(
      fc.property(fc.integer({ min: 15, max: 200 }), fc.integer({ min: 15, max: 200 }), (strong, weak) => {
        const attempts: Attempt[] = [
          ...Array.from({ length: strong }, () => ({ answers: { q1: 1, q2: 1, easy: 1 } as Record<string, 0 | 1> })),
          ...Array.from({ length: weak }, () => ({ answers: { q1: 0, q2: 0, easy: 1 } as Record<string, 0 | 1> })),
        ];
        const { cells, options } = cellsOf(attempts);
        const stats = analyseItems(cells, options);
        const q1 = stats.find((s) => s.questionId === "q1")!;
        expect(q1.discrimination).toBeCloseTo(100, 8);
        expect(q1.efficiency).toBeCloseTo(100, 8);
        const easy = stats.find((s) => s.questionId === "easy")!;
        expect(easy.facility).toBe(1);
        expect(easy.discrimination).toBeNull();
        expect(easy.flags).toContain("too_easy");
      }),
    );
  });

  it("hides correlations under 30 people and flags unused distractors and keys that strong candidates avoid", () => {
    const few = cellsOf(Array.from({ length: 10 }, (_, i) => ({ answers: { q: (i % 2) as 0 | 1, r: 1 as const } })));
    expect(analyseItems(few.cells, few.options)[0]!.discrimination).toBeNull();

    const cells: ItemCell[] = [
      { questionId: "q", correct: 1, total: 5, count: 20 },
      { questionId: "q", correct: 0, total: 25, count: 20 },
    ];
    const options: OptionCell[] = [
      { questionId: "q", optionId: "a", isKey: true, count: 20, sumTotal: 100 },
      { questionId: "q", optionId: "b", isKey: false, count: 20, sumTotal: 500 },
    ];
    const ids = new Map([["q", [{ id: "a", isKey: true }, { id: "b", isKey: false }, { id: "c", isKey: false }]]]);
    const q = analyseItems(cells, options, ids)[0]!;
    expect(q.discrimination).toBeLessThan(0);
    expect(q.flags).toEqual(expect.arrayContaining(["low_discrimination", "key_avoided_by_strong", "distractor_unused"]));
    expect(q.options.find((o) => o.optionId === "c")).toMatchObject({ count: 0, share: 0, meanTotal: null });
  });
});
