import { furthestPoint, type Interval, mergeIntervals, subtractIntervals } from "../../../domain/learning/intervals";
import { z } from "zod";
import { learningEndpoints } from "../../../domain/learning/learning.endpoints";
import type { ProgressResponse } from "../../../domain/learning/learning.schema";
import { ApiRequestError } from "../../shared/api/api-client";
import { call } from "../../shared/api/call";
import { createOutbox, isRetryableError } from "../../shared/offline/outbox";
import { STORAGE_KEYS } from "../../shared/storage/storage-keys";

/**
 * What this phone watched that the server has not acknowledged yet, per person and lesson,
 * kept in the app's one offline outbox (nativeStorage in Zalo) twice a second while a video plays. A closed tab, a
 * dead battery or a dropped connection loses at most half a second; the entry is sent on the next
 * report, when the network returns or the app resumes. The position doubles as the resume point.
 * Resending is harmless: the server only counts seconds it has not seen.
 */
export type OutboxEntry = { userId: string; lessonId: string; intervals: Interval[]; position: number; updatedAt: number };

const IntervalSchema = z.tuple([z.number(), z.number()]);
const OutboxEntrySchema = z.object({
  userId: z.string(),
  lessonId: z.string(),
  intervals: z.array(IntervalSchema),
  position: z.number(),
  updatedAt: z.number(),
});

// The lesson's length is not needed to merge spans on the phone; the server clips them.
const NO_LIMIT = Number.MAX_SAFE_INTEGER;
const keyOf = (userId: string, lessonId: string) => `${userId}/${lessonId}`;

const progressListeners = new Set<(p: ProgressResponse) => void>();

/** The lesson-progress queue: one entry per person and lesson, replayed by the app's OutboxSync. */
export const lessonProgressOutbox = createOutbox<OutboxEntry>({
  key: STORAGE_KEYS.lessonOutbox,
  schema: OutboxEntrySchema,
  ownerOf: (e) => e.userId,
  onFinal: "report",
  send: async (_id, e) => {
    const r = await sendLessonProgress(e.userId, e.lessonId);
    if (r.status === "queued") throw r.error;
    return r.status === "sent";
  },
});

/** Told whenever the outbox changes (pending counts on screen). */
export function onOutboxChange(cb: () => void): () => void {
  return lessonProgressOutbox.subscribe(cb);
}

/** Told about every progress the server accepted, from any page or a replay. */
export function onProgressAccepted(cb: (p: ProgressResponse) => void): () => void {
  progressListeners.add(cb);
  return () => progressListeners.delete(cb);
}

export const lessonOutbox = {
  get(userId: string, lessonId: string): OutboxEntry | null {
    return lessonProgressOutbox.get(keyOf(userId, lessonId));
  },

  pendingFor(userId: string): OutboxEntry[] {
    return lessonProgressOutbox.entries().flatMap(([, e]) => (e.userId === userId ? [e] : []));
  },

  /** Add watched spans and the current position (called twice a second while playing). */
  record(userId: string, lessonId: string, intervals: readonly Interval[], position: number, now = Date.now()): void {
    lessonProgressOutbox.update(keyOf(userId, lessonId), (prev) => ({
      userId,
      lessonId,
      intervals: mergeIntervals(prev?.intervals ?? [], intervals, NO_LIMIT),
      position,
      updatedAt: now,
    }));
  },

  /** The server accepted `sent`: keep only what was recorded since. */
  acknowledge(userId: string, lessonId: string, sent: Pick<OutboxEntry, "intervals" | "position" | "updatedAt">): void {
    lessonProgressOutbox.update(keyOf(userId, lessonId), (entry) => {
      if (!entry) return undefined;
      const left = subtractIntervals(entry.intervals, sent.intervals, NO_LIMIT);
      return left.length === 0 && entry.updatedAt <= sent.updatedAt ? undefined : { ...entry, intervals: left };
    });
  },

  /** The server refused this for good (implausible, locked, unknown lesson): retrying cannot help. */
  discard(userId: string, lessonId: string): void {
    lessonProgressOutbox.remove(keyOf(userId, lessonId));
  },
};

/** Where to resume: the phone's unsent position if there is one, else the server's. */
export function resumePoint(serverPosition: number, entry: OutboxEntry | null): number {
  return entry ? entry.position : serverPosition;
}

/** The furthest point this phone has reached but not yet reported. */
export function localFurthest(entry: OutboxEntry | null): number {
  return entry ? furthestPoint(entry.intervals) : 0;
}

export type SendResult = { status: "sent"; progress: ProgressResponse } | { status: "queued"; error: ApiRequestError } | { status: "nothing" };

const inFlight = new Map<string, Promise<SendResult>>();

/**
 * Send this lesson's entry. Network trouble (and any 5xx) leaves it queued; a final refusal
 * drops it and is thrown so the page can say why. One request per lesson at a time.
 */
export function sendLessonProgress(userId: string, lessonId: string): Promise<SendResult> {
  const key = keyOf(userId, lessonId);
  const running = inFlight.get(key);
  // Whatever the running send decides, send again afterwards: more may have been recorded since.
  if (running) return running.catch(() => undefined).then(() => sendLessonProgress(userId, lessonId));
  const job = (async (): Promise<SendResult> => {
    const entry = lessonOutbox.get(userId, lessonId);
    if (!entry) return { status: "nothing" };
    try {
      const progress = await call(learningEndpoints.reportProgress, {
        params: { id: lessonId },
        body: { intervals: entry.intervals.map(([a, b]) => [a, b] as [number, number]), position: entry.position },
      });
      lessonOutbox.acknowledge(userId, lessonId, entry);
      lessonProgressOutbox.noteOutcome(null);
      progressListeners.forEach((cb) => cb(progress));
      return { status: "sent", progress };
    } catch (err) {
      lessonProgressOutbox.noteOutcome(err);
      if (err instanceof ApiRequestError && !isRetryableError(err)) {
        lessonOutbox.discard(userId, lessonId);
        throw err;
      }
      if (err instanceof ApiRequestError) return { status: "queued", error: err };
      throw err;
    }
  })();
  inFlight.set(key, job);
  return job.finally(() => inFlight.delete(key));
}

/** Send everything this person left queued; stops at the first failure worth retrying. */
export async function replayLessonOutbox(userId: string): Promise<{ sent: number; failed: unknown[] }> {
  const { sent, failed } = await lessonProgressOutbox.replay(userId);
  return { sent, failed };
}
