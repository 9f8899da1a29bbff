/** A span of video time that was watched, in seconds: [from, to] with from ≤ to. */
export type Interval = readonly [number, number];

/**
 * Sorted, non-overlapping, clipped to [0, durationSec]. Touching spans are joined, empty and
 * non-finite ones dropped. Every other function here relies on this form.
 */
export function normalizeIntervals(intervals: readonly Interval[], durationSec: number): Interval[] {
  const clipped = intervals
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b))
    .map(([a, b]): Interval => [Math.max(0, Math.min(a, b)), Math.min(durationSec, Math.max(a, b))])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [a, b] of clipped) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The union of two sets of spans, normalised. */
export function mergeIntervals(a: readonly Interval[], b: readonly Interval[], durationSec: number): Interval[] {
  return normalizeIntervals([...a, ...b], durationSec);
}

/** Seconds covered by normalised spans. */
export function coveredSeconds(normalized: readonly Interval[]): number {
  return normalized.reduce((sum, [a, b]) => sum + (b - a), 0);
}

/** Share of the lesson's distinct seconds that were watched, 0–1. */
export function coverageOf(intervals: readonly Interval[], durationSec: number): number {
  if (durationSec <= 0) return 0;
  return Math.min(1, coveredSeconds(normalizeIntervals(intervals, durationSec)) / durationSec);
}

/** Spans of `a` not covered by `b` (both normalised by the caller or not; the result is normalised). */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[], durationSec: number): Interval[] {
  const cut = normalizeIntervals(b, durationSec);
  const out: Interval[] = [];
  for (const [from, to] of normalizeIntervals(a, durationSec)) {
    let start = from;
    for (const [cf, ct] of cut) {
      if (ct <= start || cf >= to) continue;
      if (cf > start) out.push([start, cf]);
      start = Math.max(start, ct);
      if (start >= to) break;
    }
    if (start < to) out.push([start, to]);
  }
  return out;
}

/** Seconds in `reported` that `known` did not already cover: what a report really adds. */
export function newSeconds(known: readonly Interval[], reported: readonly Interval[], durationSec: number): number {
  return coveredSeconds(subtractIntervals(reported, known, durationSec));
}

/** The furthest point reached: seeking forward is allowed up to here. */
export function furthestPoint(intervals: readonly Interval[]): number {
  return intervals.reduce((max, [, b]) => Math.max(max, b), 0);
}
