import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Interval } from "./intervals";
import { applyReport, maxPlausibleSeconds, PLAUSIBILITY_GRACE_SEC, type ProgressState, seekLimit } from "./progress-rules";

const config = { completionThreshold: 0.9, maxPlaybackRate: 1.5 };
const lesson = { durationSec: 100 };
const t0 = new Date("2026-06-01T01:00:00.000Z");
const at = (sec: number) => new Date(t0.getTime() + sec * 1000);
const fresh: ProgressState = { intervals: [], lastPosition: 0, completedAt: null, lastReportAt: t0.toISOString() };

function mustApply(state: ProgressState, intervals: Interval[], position: number, now: Date) {
  const r = applyReport(state, { intervals, position }, lesson, config, now);
  if (!r.ok) throw new Error(`rejected: ${r.addedSec} > ${r.allowedSec}`);
  return r;
}

describe("the server's decision on a progress report", () => {
  it("completes only when the merged coverage reaches the threshold", () => {
    const a = mustApply(fresh, [[0, 50]], 50, at(50));
    expect(a.coverage).toBeCloseTo(0.5);
    expect(a.state.completedAt).toBeNull();
    const b = mustApply(a.state, [[50, 89]], 89, at(89));
    expect(b.justCompleted).toBe(false);
    const c = mustApply(b.state, [[89, 90]], 90, at(90));
    expect(c.justCompleted).toBe(true);
    expect(c.state.completedAt).toBe(at(90).toISOString());
    const d = mustApply(c.state, [[0, 10]], 10, at(200));
    expect(d.justCompleted).toBe(false);
    expect(d.state.completedAt).toBe(at(90).toISOString());
  });

  it("rejects more new video than the wall clock allows at the speed cap", () => {
    const limit = (10 + PLAUSIBILITY_GRACE_SEC) * 1.5;
    expect(maxPlausibleSeconds(10, 1.5)).toBe(limit);
    expect(applyReport(fresh, { intervals: [[0, limit]], position: limit }, lesson, config, at(10)).ok).toBe(true);
    const r = applyReport(fresh, { intervals: [[0, limit + 0.5]], position: 0 }, lesson, config, at(10));
    expect(r).toMatchObject({ ok: false });
  });

  it("does not charge already-watched seconds against the clock, so retries are harmless", () => {
    const a = mustApply(fresh, [[0, 20]], 20, at(20));
    const retry = applyReport(a.state, { intervals: [[0, 20]], position: 20 }, lesson, config, at(20.1));
    expect(retry.ok).toBe(true);
  });

  it("never lets coverage exceed 1 or completion go back, whatever is reported plausibly", () => {
    const report = fc.record({
      from: fc.double({ min: 0, max: 120, noNaN: true }),
      len: fc.double({ min: 0, max: 20, noNaN: true }),
      wait: fc.double({ min: 0, max: 30, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(report, { maxLength: 25 }), (reports) => {
        let state = fresh;
        let clock = 0;
        let wasComplete = false;
        for (const r of reports) {
          clock += r.wait;
          const res = applyReport(state, { intervals: [[r.from, r.from + r.len]], position: r.from }, lesson, config, at(clock));
          if (!res.ok) continue;
          expect(res.coverage).toBeLessThanOrEqual(1);
          expect(res.state.lastPosition).toBeLessThanOrEqual(lesson.durationSec);
          if (wasComplete) expect(res.state.completedAt).not.toBeNull();
          wasComplete = res.state.completedAt !== null;
          state = res.state;
        }
      }),
    );
  });

  it("lets the player seek up to the furthest point known here or on the server", () => {
    expect(seekLimit([[0, 30]], [[30, 42]])).toBe(42);
    expect(seekLimit([[0, 30]], [])).toBe(30);
  });
});
