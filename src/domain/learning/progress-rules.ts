import { coverageOf, coveredSeconds, furthestPoint, type Interval, mergeIntervals, newSeconds, normalizeIntervals } from "./intervals";
import type { LearningConfig } from "./learning.config";

/**
 * Slack for network jitter between two reports, in wall-clock seconds: a report that left the
 * phone on time can still arrive a few seconds early relative to the previous, late one.
 */
export const PLAUSIBILITY_GRACE_SEC = 5;

/** How often the player reports while playing, in seconds (it also reports on pause and in the background). */
export const REPORT_EVERY_SEC = 10;

/** The most new video seconds anyone can have watched in `elapsedSec` of wall-clock time. */
export function maxPlausibleSeconds(elapsedSec: number, maxPlaybackRate: number): number {
  return (Math.max(0, elapsedSec) + PLAUSIBILITY_GRACE_SEC) * maxPlaybackRate;
}

/** What the server keeps per person and lesson. */
export type ProgressState = {
  intervals: Interval[];
  lastPosition: number;
  completedAt: string | null;
  /** The previous accepted report (or when the lesson was opened): the plausibility clock. */
  lastReportAt: string;
};

export type ProgressReport = { intervals: readonly Interval[]; position: number };

export type ApplyResult =
  | { ok: true; state: ProgressState; watchedSec: number; coverage: number; addedSec: number; justCompleted: boolean }
  | { ok: false; addedSec: number; allowedSec: number };

/**
 * The server's decision on one report. Only seconds not already covered count against the
 * wall-clock budget, so a retried or repeated report is harmless; a client "completed" flag
 * does not exist — completion follows from the merged coverage alone, and is never undone.
 */
export function applyReport(
  state: ProgressState,
  report: ProgressReport,
  lesson: { durationSec: number },
  config: Pick<LearningConfig, "completionThreshold" | "maxPlaybackRate">,
  now: Date,
): ApplyResult {
  const { durationSec } = lesson;
  const known = normalizeIntervals(state.intervals, durationSec);
  const addedSec = newSeconds(known, report.intervals, durationSec);
  const elapsedSec = (now.getTime() - Date.parse(state.lastReportAt)) / 1000;
  const allowedSec = maxPlausibleSeconds(elapsedSec, config.maxPlaybackRate);
  if (addedSec > allowedSec) return { ok: false, addedSec, allowedSec };

  const intervals = mergeIntervals(known, report.intervals, durationSec);
  const watchedSec = coveredSeconds(intervals);
  const coverage = coverageOf(intervals, durationSec);
  const reachesThreshold = coverage >= config.completionThreshold;
  const completedAt = state.completedAt ?? (reachesThreshold ? now.toISOString() : null);
  return {
    ok: true,
    addedSec,
    watchedSec,
    coverage,
    justCompleted: state.completedAt === null && completedAt !== null,
    state: {
      intervals,
      lastPosition: Math.min(Math.max(0, report.position), durationSec),
      completedAt,
      lastReportAt: now.toISOString(),
    },
  };
}

/** Where seeking forward stops when the pack blocks it: the furthest watched point, known or local. */
export function seekLimit(known: readonly Interval[], local: readonly Interval[]): number {
  return Math.max(furthestPoint(known), furthestPoint(local));
}
