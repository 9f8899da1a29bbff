import { z } from "zod";
import { entriesEndpoints } from "../../../domain/entries/entries.endpoints";
import { type DraftConflict, DraftConflictSchema, EntryDraftSchema, type EntryDraft, type SaveDraftResponse } from "../../../domain/entries/entries.schema";
import { ApiRequestError } from "../../shared/api/api-client";
import { call } from "../../shared/api/call";
import { createOutbox, isRetryableError } from "../../shared/offline/outbox";
import { STORAGE_KEYS } from "../../shared/storage/storage-keys";

/**
 * Entry drafts typed on the phone and not yet acknowledged by the server, one per (person, round,
 * unit), in the app's one offline outbox: written at every change, so a closed app or a dropped
 * network loses nothing; replayed by OutboxSync (start, network back, app resumed, every few
 * seconds while failing) and flushed by the form after a pause in typing.
 */
const PendingDraftSchema = z.object({
  userId: z.string(),
  round: z.string(),
  unit: z.string(),
  /** The server version this text was typed on (a stale one gets 409 with the colleague's text). */
  baseVersion: z.number().int().min(0),
  draft: EntryDraftSchema,
  /** When it was typed: an acknowledgement forgets only the draft it acknowledged, never newer typing. */
  at: z.number(),
  /** The server refused it as stale: kept for the form to resolve, not re-sent meanwhile. */
  conflicted: z.boolean().default(false),
});
export type PendingDraft = z.output<typeof PendingDraftSchema>;

export type ConflictCurrent = NonNullable<DraftConflict["current"]>;

/** A stale save's 409 carries the text now on the server (null for any other failure). */
export function draftConflictOf(err: unknown): ConflictCurrent | null {
  if (!(err instanceof ApiRequestError) || err.status !== 409) return null;
  const parsed = DraftConflictSchema.safeParse(err.body);
  return parsed.success ? (parsed.data.current ?? null) : null;
}

export type DraftSendResult =
  | { status: "saved"; response: SaveDraftResponse; newer: boolean }
  | { status: "conflict"; current: ConflictCurrent }
  | { status: "offline"; error: ApiRequestError }
  | { status: "refused"; error: unknown }
  | { status: "nothing" };

export const draftKey = (userId: string, round: string, unit: string) => `${userId}/${round}/${unit}`;

const listeners = new Set<(id: string, result: DraftSendResult) => void>();

/** Told about every send's outcome, from the form or a replay (the form's save state). */
export function onDraftSent(cb: (id: string, result: DraftSendResult) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export const entryDraftOutbox = createOutbox<PendingDraft>({
  key: STORAGE_KEYS.entryDrafts,
  schema: PendingDraftSchema as z.ZodType<PendingDraft>,
  ownerOf: (e) => e.userId,
  // A refused draft stays on the phone for the form to show (conflict, field errors): nothing is dropped by replay.
  send: async (id) => {
    const r = await sendEntryDraft(id);
    if (r.status === "offline") throw r.error;
    return r.status === "saved";
  },
});

export const entryDrafts = {
  get: (userId: string, round: string, unit: string): PendingDraft | null => entryDraftOutbox.get(draftKey(userId, round, unit)),
  /** Keep what was typed (every change). */
  put(userId: string, round: string, unit: string, baseVersion: number, draft: EntryDraft, at = Date.now()): void {
    entryDraftOutbox.put(draftKey(userId, round, unit), { userId, round, unit, baseVersion, draft, at, conflicted: false });
  },
  /** Forget the pending draft only if it is the one acknowledged (not newer typing). */
  ack(id: string, at: number): void {
    entryDraftOutbox.update(id, (e) => (e && e.at === at ? undefined : e));
  },
  discard(userId: string, round: string, unit: string): void {
    entryDraftOutbox.remove(draftKey(userId, round, unit));
  },
};

const inFlight = new Map<string, Promise<DraftSendResult>>();

async function sendOnce(id: string): Promise<DraftSendResult> {
  const pending = entryDraftOutbox.get(id);
  if (!pending || pending.conflicted) return { status: "nothing" };
  try {
    const response = await call(entriesEndpoints.saveDraft, {
      params: { round: pending.round, unit: pending.unit },
      body: { baseVersion: pending.baseVersion, draft: pending.draft },
    });
    entryDraftOutbox.noteOutcome(null);
    entryDrafts.ack(id, pending.at);
    // Typing during the save continues from the new version.
    const newer = entryDraftOutbox.update(id, (e) => (e ? { ...e, baseVersion: response.version } : undefined));
    return { status: "saved", response, newer: newer !== undefined };
  } catch (err) {
    entryDraftOutbox.noteOutcome(err);
    const current = draftConflictOf(err);
    if (current) {
      entryDraftOutbox.update(id, (e) => (e ? { ...e, conflicted: true } : undefined));
      return { status: "conflict", current };
    }
    if (err instanceof ApiRequestError && isRetryableError(err)) return { status: "offline", error: err };
    if (err instanceof ApiRequestError) return { status: "refused", error: err };
    throw err;
  }
}

/**
 * Send this draft (one request per entry at a time; a send asked for while one runs follows it,
 * since more may have been typed). Outcomes go to `onDraftSent` listeners too.
 */
export function sendEntryDraft(id: string): Promise<DraftSendResult> {
  const running = inFlight.get(id);
  if (running) return running.catch(() => undefined).then(() => sendEntryDraft(id));
  const job = sendOnce(id).then((result) => {
    if (result.status !== "nothing") listeners.forEach((cb) => cb(id, result));
    return result;
  });
  inFlight.set(id, job);
  return job.finally(() => inFlight.delete(id));
}
