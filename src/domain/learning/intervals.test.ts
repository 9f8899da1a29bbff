import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coverageOf, coveredSeconds, furthestPoint, type Interval, mergeIntervals, newSeconds, normalizeIntervals, subtractIntervals } from "./intervals";

const DURATION = 300;
const interval = fc.tuple(fc.double({ min: -20, max: DURATION + 20, noNaN: true }), fc.double({ min: -20, max: DURATION + 20, noNaN: true })).map(([a, b]): Interval => [a, b]);
const intervals = fc.array(interval, { maxLength: 30 });
const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

describe("interval merging", () => {
  it("merges overlapping and touching spans and clips to the lesson", () => {
    expect(normalizeIntervals([[10, 20], [0, 5], [5, 8], [15, 30], [40, 40], [290, 400], [-5, 1]], DURATION)).toEqual([[0, 8], [10, 30], [290, 300]]);
  });

  it("reads a reversed span as the same span", () => {
    expect(normalizeIntervals([[20, 10]], DURATION)).toEqual([[10, 20]]);
  });

  it("never yields more coverage than the lesson lasts, for any reports", () => {
    fc.assert(
      fc.property(intervals, (xs) => {
        const merged = normalizeIntervals(xs, DURATION);
        expect(coveredSeconds(merged)).toBeLessThanOrEqual(DURATION + 1e-9);
        expect(coverageOf(xs, DURATION)).toBeLessThanOrEqual(1);
        expect(coverageOf(xs, DURATION)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("gives sorted, disjoint spans inside the lesson", () => {
    fc.assert(
      fc.property(intervals, (xs) => {
        const merged = normalizeIntervals(xs, DURATION);
        merged.forEach(([a, b], i) => {
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(DURATION);
          expect(b).toBeGreaterThan(a);
          const prev = merged[i - 1];
          if (prev) expect(a).toBeGreaterThan(prev[1]);
        });
      }),
    );
  });

  it("does not depend on the order reports arrive in", () => {
    fc.assert(
      fc.property(intervals, intervals, (xs, ys) => {
        expect(mergeIntervals(xs, ys, DURATION)).toEqual(mergeIntervals(ys, xs, DURATION));
        const shuffled = [...xs].reverse();
        expect(normalizeIntervals(shuffled, DURATION)).toEqual(normalizeIntervals(xs, DURATION));
      }),
    );
  });

  it("is idempotent: repeating a report changes nothing", () => {
    fc.assert(
      fc.property(intervals, (xs) => {
        const once = normalizeIntervals(xs, DURATION);
        expect(mergeIntervals(once, xs, DURATION)).toEqual(once);
        expect(normalizeIntervals(once, DURATION)).toEqual(once);
        expect(newSeconds(once, xs, DURATION)).toBe(0);
      }),
    );
  });

  it("counts, as new, exactly what the union adds", () => {
    fc.assert(
      fc.property(intervals, intervals, (known, reported) => {
        const before = coveredSeconds(normalizeIntervals(known, DURATION));
        const after = coveredSeconds(mergeIntervals(known, reported, DURATION));
        expect(close(newSeconds(known, reported, DURATION), after - before)).toBe(true);
      }),
    );
  });

  it("subtracts spans so that what is left and what was cut rebuild the whole", () => {
    fc.assert(
      fc.property(intervals, intervals, (a, b) => {
        const rest = subtractIntervals(a, b, DURATION);
        const inter = coveredSeconds(normalizeIntervals(a, DURATION)) - coveredSeconds(rest);
        expect(inter).toBeGreaterThanOrEqual(-1e-9);
        expect(coveredSeconds(subtractIntervals(rest, b, DURATION))).toBeCloseTo(coveredSeconds(rest), 9);
        expect(mergeIntervals(rest, b, DURATION)).toEqual(mergeIntervals(a, b, DURATION));
      }),
    );
    expect(subtractIntervals([[0, 30]], [[5, 10], [20, 25]], DURATION)).toEqual([[0, 5], [10, 20], [25, 30]]);
  });

  it("knows the furthest point reached", () => {
    expect(furthestPoint([[0, 12], [30, 41.5]])).toBe(41.5);
    expect(furthestPoint([])).toBe(0);
  });
});
