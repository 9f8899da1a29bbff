import { z } from "zod";
import { remindersEndpoints } from "../../../domain/reminders/reminders.endpoints";
import { call } from "../../shared/api/call";
import { createOutbox, isRetryableError } from "../../shared/offline/outbox";
import { STORAGE_KEYS } from "../../shared/storage/storage-keys";

/** Messages read while offline, kept in the one offline outbox until the server has recorded them. */
export const inboxReadsOutbox = createOutbox({
  key: STORAGE_KEYS.inboxPendingReads,
  schema: z.object({ queuedAt: z.number() }),
  // Builds before the one outbox kept a plain array of ids.
  legacy: (raw) => (Array.isArray(raw) ? Object.fromEntries(raw.filter((x): x is string => typeof x === "string").map((id) => [id, { queuedAt: 0 }])) : null),
  // A message the server no longer knows is dropped without a word: retrying would never succeed.
  onFinal: "drop",
  send: async (id) => {
    await call(remindersEndpoints.markRead, { params: { id } });
    inboxReadsOutbox.remove(id);
    return true;
  },
});

export function pendingReads(): string[] {
  return inboxReadsOutbox.entries().map(([id]) => id);
}

/**
 * Mark read on the server; when that can pass (no network, a server fault) keep it for later.
 * Returns the server's unread count, or null when the mark was queued.
 */
export async function markReadOrQueue(id: string): Promise<number | null> {
  try {
    const res = await call(remindersEndpoints.markRead, { params: { id } });
    inboxReadsOutbox.noteOutcome(null);
    return res.unread;
  } catch (err) {
    inboxReadsOutbox.noteOutcome(err);
    if (isRetryableError(err)) {
      inboxReadsOutbox.put(id, { queuedAt: Date.now() });
      return null;
    }
    throw err;
  }
}

/** Send the reads kept offline; ones the server refuses for good are dropped. Stops at the first retryable failure. */
export async function flushPendingReads(): Promise<void> {
  await inboxReadsOutbox.replay(null);
}
