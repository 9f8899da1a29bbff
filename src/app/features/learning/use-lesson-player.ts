import { type MutableRefObject, type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { coverageOf, furthestPoint, type Interval, mergeIntervals } from "../../../domain/learning/intervals";
import type { LessonDetailResponse, LessonProgress, ProgressResponse } from "../../../domain/learning/learning.schema";
import { WatchTracker } from "../../../domain/learning/watch-tracker";
import { onAppPaused } from "../../fence/zalo";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { lessonOutbox, onProgressAccepted, resumePoint, sendLessonProgress } from "./progress-outbox";

/** Write the unsent spans and position to the phone's storage at most this often while playing (a killed tab loses less than this). */
const PERSIST_EVERY_MS = 500;
/** Seeking this far past the furthest point counts as skipping ahead (rounding, keyframes). */
const SEEK_SLACK_SEC = 0.5;
/** A checkpoint fires when playback crosses its second, not when someone resumes beyond it. */
const CHECKPOINT_WINDOW_SEC = 2;

export type PlayerState = {
  progress: LessonProgress;
  /** Server coverage plus what this phone has watched and not yet sent, 0–1. */
  liveCoverage: number;
  /** The last report failed for lack of network; progress waits on the phone. */
  offline: boolean;
  resumedFrom: number | null;
  activeCheckpoint: number | null;
  rate: number;
  /** The latest accepted report completed the lesson. */
  justCompleted: ProgressResponse | null;
};

/**
 * The watched spans of one lesson: tracked, written to the phone, reported every few seconds while
 * playing and whenever the app goes to the background; accepted progress (sent from here or
 * replayed from the outbox) comes back into the state. The server decides completion.
 */
function useWatchRecord(videoRef: RefObject<HTMLVideoElement>, data: LessonDetailResponse, userId: string, notifyRef: MutableRefObject<ReturnType<typeof useNotify>>) {
  const { lesson, rules } = data;
  const lessonId = lesson.id;
  const tracker = useRef(new WatchTracker());
  const unsaved = useRef<Interval[]>([]);
  const lastPersist = useRef(0);
  const serverIntervals = useRef<Interval[]>(data.progress.intervals);
  const localIntervals = useRef<Interval[]>(lessonOutbox.get(userId, lessonId)?.intervals ?? []);
  const lastTime = useRef<number | null>(null);

  const liveOf = () => coverageOf(mergeIntervals(serverIntervals.current, localIntervals.current, lesson.durationSec), lesson.durationSec);
  const [state, setState] = useState<PlayerState>(() => ({
    progress: data.progress,
    liveCoverage: liveOf(),
    offline: false,
    resumedFrom: null,
    activeCheckpoint: null,
    rate: 1,
    justCompleted: null,
  }));

  const refreshLive = useCallback(() => {
    const live = coverageOf(mergeIntervals(serverIntervals.current, localIntervals.current, lesson.durationSec), lesson.durationSec);
    // Re-render only when the shown percentage moves.
    setState((s) => (Math.floor(s.liveCoverage * 100) === Math.floor(live * 100) ? s : { ...s, liveCoverage: live }));
  }, [lesson.durationSec]);

  const collect = useCallback(() => {
    const spans = tracker.current.drain();
    if (spans.length === 0) return;
    unsaved.current.push(...spans);
    localIntervals.current = mergeIntervals(localIntervals.current, spans, lesson.durationSec);
    refreshLive();
  }, [lesson.durationSec, refreshLive]);

  const persist = useCallback(
    (force: boolean) => {
      // On unmount React has already detached the ref; the last known position still counts.
      const video = videoRef.current;
      if (video) lastTime.current = video.currentTime;
      if (lastTime.current === null) return;
      const now = Date.now();
      if (!force && now - lastPersist.current < PERSIST_EVERY_MS) return;
      lastPersist.current = now;
      lessonOutbox.record(userId, lessonId, unsaved.current, lastTime.current, now);
      unsaved.current = [];
    },
    [videoRef, userId, lessonId],
  );

  const flush = useCallback(() => {
    collect();
    persist(true);
    sendLessonProgress(userId, lessonId)
      .then((r) => {
        if (r.status === "queued") setState((s) => (s.offline ? s : { ...s, offline: true }));
      })
      .catch((err: unknown) => notifyRef.current.error(err));
  }, [collect, persist, userId, lessonId, notifyRef]);

  // Accepted progress for this lesson, whoever sent it (this page, or a replay).
  useEffect(
    () =>
      onProgressAccepted((p) => {
        if (p.lessonId !== lessonId) return;
        serverIntervals.current = p.intervals;
        setState((s) => ({ ...s, progress: p, offline: false, justCompleted: p.justCompleted ? p : s.justCompleted }));
        refreshLive();
      }),
    [lessonId, refreshLive],
  );

  // Report every few seconds while playing, and whenever the app goes to the background.
  useEffect(() => {
    const watch = tracker.current;
    const timer = window.setInterval(() => {
      if (videoRef.current && !videoRef.current.paused) flush();
    }, rules.reportEverySec * 1000);
    const offPaused = onAppPaused(() => {
      const video = videoRef.current;
      if (video && !video.paused) video.pause();
      flush();
    });
    return () => {
      window.clearInterval(timer);
      offPaused();
      watch.interrupt();
      flush();
    };
  }, [flush, rules.reportEverySec, videoRef]);

  /** How far this person may seek: the furthest point watched, on the server or on this phone. */
  const seekLimit = () => Math.max(furthestPoint(serverIntervals.current), furthestPoint(localIntervals.current));

  return { state, setState, tracker, collect, persist, flush, seekLimit };
}

/**
 * Everything the lesson video does beyond playing: tracking watched spans, storing them on the
 * phone, reporting every few seconds / on pause / in the background (useWatchRecord), resuming,
 * capping the speed, blocking forward seeks and pausing at checkpoints.
 */
/** `startAt`: a moment to open at (the test review's "xem lại đoạn bài giảng" link), within what the rules let this person reach. */
export function useLessonPlayer(videoRef: RefObject<HTMLVideoElement>, data: LessonDetailResponse, userId: string, startAt?: number) {
  const { lesson, rules } = data;
  const lessonId = lesson.id;
  const notify = useNotify();
  const notifyRef = useRef(notify);
  notifyRef.current = notify;

  const { state, setState, tracker, collect, persist, flush, seekLimit } = useWatchRecord(videoRef, data, userId, notifyRef);
  const programmaticSeek = useRef(false);
  const lastSeekWarning = useRef(0);
  const answered = useRef(new Set<number>());

  const handlers = {
    onLoadedMetadata: () => {
      const video = videoRef.current;
      if (!video) return;
      video.playbackRate = state.rate;
      const end = Number.isFinite(video.duration) ? video.duration : lesson.durationSec;
      const reachable = startAt !== undefined && startAt >= 0 && startAt < end && (!rules.blockForwardSeek || startAt <= seekLimit() + SEEK_SLACK_SEC);
      if (reachable) {
        programmaticSeek.current = startAt > 0;
        video.currentTime = startAt;
        setState((s) => ({ ...s, resumedFrom: startAt }));
        return;
      }
      const at = resumePoint(data.progress.lastPosition, lessonOutbox.get(userId, lessonId));
      // Someone who reached the end starts again from the beginning.
      if (at > 1 && at < end - 2) {
        programmaticSeek.current = true;
        video.currentTime = at;
        setState((s) => ({ ...s, resumedFrom: at }));
      }
    },
    onTimeUpdate: () => {
      const video = videoRef.current;
      if (!video || video.seeking || video.paused) return;
      const t = video.currentTime;
      tracker.current.tick(t);
      collect();
      persist(false);
      const cp = lesson.checkpoints.findIndex((c, i) => !answered.current.has(i) && t >= c.atSec && t < c.atSec + CHECKPOINT_WINDOW_SEC);
      if (cp >= 0) {
        video.pause();
        setState((s) => ({ ...s, activeCheckpoint: cp }));
      }
    },
    onSeeking: () => {
      const video = videoRef.current;
      if (!video) return;
      tracker.current.interrupt();
      collect();
      if (programmaticSeek.current) {
        programmaticSeek.current = false;
        return;
      }
      const limit = seekLimit();
      if (rules.blockForwardSeek && video.currentTime > limit + SEEK_SLACK_SEC) {
        programmaticSeek.current = true;
        video.currentTime = limit;
        if (Date.now() - lastSeekWarning.current > 4000) {
          lastSeekWarning.current = Date.now();
          notifyRef.current.info("Bạn chỉ tua được tới đoạn đã xem. Hãy xem tiếp để mở phần sau.");
        }
      }
      persist(true);
    },
    // Playback (re)starts here: without this the first fraction of a second until the next timeupdate would be lost.
    onPlaying: () => {
      const video = videoRef.current;
      if (video && !video.seeking) tracker.current.tick(video.currentTime);
    },
    // The last stretch before a pause or the end arrives with the pause itself, not with a timeupdate.
    onPause: () => {
      const video = videoRef.current;
      if (video && !video.seeking) tracker.current.tick(video.currentTime);
      tracker.current.interrupt();
      flush();
    },
    onEnded: () => {
      const video = videoRef.current;
      if (video) tracker.current.tick(video.currentTime);
      tracker.current.interrupt();
      flush();
    },
    onRateChange: () => {
      const video = videoRef.current;
      if (!video) return;
      if (video.playbackRate > rules.maxPlaybackRate + 1e-6) {
        video.playbackRate = rules.maxPlaybackRate;
        notifyRef.current.info(`Tốc độ xem tối đa là ${String(rules.maxPlaybackRate).replace(".", ",")}×.`);
      }
      const rate = video.playbackRate;
      setState((s) => (s.rate === rate ? s : { ...s, rate }));
    },
  };

  const setRate = (rate: number) => {
    const video = videoRef.current;
    if (video) video.playbackRate = Math.min(rate, rules.maxPlaybackRate);
  };

  /** Close the checkpoint card and carry on watching. */
  const continueAfterCheckpoint = () => {
    setState((s) => {
      if (s.activeCheckpoint !== null) answered.current.add(s.activeCheckpoint);
      return { ...s, activeCheckpoint: null };
    });
    videoRef.current?.play().catch(() => notifyRef.current.info("Bấm nút phát để xem tiếp."));
  };

  const dismissCompletion = () => setState((s) => ({ ...s, justCompleted: null }));

  return { state, handlers, setRate, continueAfterCheckpoint, dismissCompletion };
}
