import { furthestPoint, type Interval, mergeIntervals, subtractIntervals } from "../../../domain/learning/intervals";
import { type ProgressResponse, ProgressResponseSchema } from "../../../domain/learning/learning.schema";
import { api, ApiRequestError } from "../../shared/api/api-client";
import { readJson, writeJson } from "../../shared/storage/json-storage";
import { STORAGE_KEYS } from "../../shared/storage/storage-keys";

/**
 * What this phone watched that the server has not acknowledged yet, per person and lesson,
 * kept in storage (nativeStorage in Zalo) twice a second while a video plays. A closed tab, a
 * dead battery or a dropped connection loses at most half a second; the entry is sent on the next
 * report, when the network returns or the app resumes. The position doubles as the resume point.
 * Resending is harmless: the server only counts seconds it has not seen.
 */
export type OutboxEntry = { userId: string; lessonId: string; intervals: Interval[]; position: number; updatedAt: number };
type OutboxFile = { v: 1; entries: Record<string, OutboxEntry> };

// The lesson's length is not needed to merge spans on the phone; the server clips them.
const NO_LIMIT = Number.MAX_SAFE_INTEGER;
const keyOf = (userId: string, lessonId: string) => `${userId}/${lessonId}`;

function load(): OutboxFile {
  const file = readJson<OutboxFile | null>(STORAGE_KEYS.lessonOutbox, null);
  return file && file.v === 1 && file.entries && typeof file.entries === "object" ? file : { v: 1, entries: {} };
}

function save(file: OutboxFile): void {
  writeJson(STORAGE_KEYS.lessonOutbox, file);
  listeners.forEach((cb) => cb());
}

const listeners = new Set<() => void>();
const progressListeners = new Set<(p: ProgressResponse) => void>();

/** Told whenever the outbox changes (pending counts on screen). */
export function onOutboxChange(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** Told about every progress the server accepted, from any page or a replay. */
export function onProgressAccepted(cb: (p: ProgressResponse) => void): () => void {
  progressListeners.add(cb);
  return () => progressListeners.delete(cb);
}

export const lessonOutbox = {
  get(userId: string, lessonId: string): OutboxEntry | null {
    return load().entries[keyOf(userId, lessonId)] ?? null;
  },

  pendingFor(userId: string): OutboxEntry[] {
    return Object.values(load().entries).filter((e) => e.userId === userId);
  },

  /** Add watched spans and the current position (called twice a second while playing). */
  record(userId: string, lessonId: string, intervals: readonly Interval[], position: number, now = Date.now()): void {
    const file = load();
    const key = keyOf(userId, lessonId);
    const prev = file.entries[key];
    file.entries[key] = { userId, lessonId, intervals: mergeIntervals(prev?.intervals ?? [], intervals, NO_LIMIT), position, updatedAt: now };
    save(file);
  },

  /** The server accepted `sent`: keep only what was recorded since. */
  acknowledge(userId: string, lessonId: string, sent: Pick<OutboxEntry, "intervals" | "position" | "updatedAt">): void {
    const file = load();
    const key = keyOf(userId, lessonId);
    const entry = file.entries[key];
    if (!entry) return;
    const left = subtractIntervals(entry.intervals, sent.intervals, NO_LIMIT);
    if (left.length === 0 && entry.updatedAt <= sent.updatedAt) delete file.entries[key];
    else file.entries[key] = { ...entry, intervals: left };
    save(file);
  },

  /** The server refused this for good (implausible, locked, unknown lesson): retrying cannot help. */
  discard(userId: string, lessonId: string): void {
    const file = load();
    delete file.entries[keyOf(userId, lessonId)];
    save(file);
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

/** Codes after which the same report will never be accepted. */
const FINAL = new Set(["PROGRESS_IMPLAUSIBLE", "LESSON_LOCKED", "LESSON_NOT_FOUND", "VALIDATION_FAILED", "FORBIDDEN"]);

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
      const progress = await api.post(`/api/lessons/${encodeURIComponent(lessonId)}/progress`, ProgressResponseSchema, {
        intervals: entry.intervals,
        position: entry.position,
      });
      lessonOutbox.acknowledge(userId, lessonId, entry);
      progressListeners.forEach((cb) => cb(progress));
      return { status: "sent", progress };
    } catch (err) {
      if (err instanceof ApiRequestError && FINAL.has(err.code)) {
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

/** Send everything this person left queued; stops at the first network failure. */
export async function replayLessonOutbox(userId: string): Promise<{ sent: number; failed: unknown[] }> {
  let sent = 0;
  const failed: unknown[] = [];
  for (const entry of lessonOutbox.pendingFor(userId)) {
    try {
      const r = await sendLessonProgress(userId, entry.lessonId);
      if (r.status === "queued") break;
      if (r.status === "sent") sent += 1;
    } catch (err) {
      failed.push(err);
    }
  }
  return { sent, failed };
}
