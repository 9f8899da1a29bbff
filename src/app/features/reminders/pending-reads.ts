import { MarkReadResponseSchema } from "../../../domain/reminders/reminders.schema";
import { api, ApiRequestError } from "../../shared/api/api-client";
import { readJson, writeJson } from "../../shared/storage/json-storage";
import { STORAGE_KEYS } from "../../shared/storage/storage-keys";

/** Messages read while offline, kept on the phone until the server has recorded them. */
export function pendingReads(): string[] {
  const ids = readJson<unknown>(STORAGE_KEYS.inboxPendingReads, []);
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string") : [];
}

function savePending(ids: readonly string[]): void {
  writeJson(STORAGE_KEYS.inboxPendingReads, [...new Set(ids)]);
}

/**
 * Mark read on the server; on a network failure keep it for later (nothing is lost offline).
 * Returns the server's unread count, or null when the mark was queued.
 */
export async function markReadOrQueue(id: string): Promise<number | null> {
  try {
    const res = await api.post(`/api/inbox/${encodeURIComponent(id)}/read`, MarkReadResponseSchema);
    return res.unread;
  } catch (err) {
    if (err instanceof ApiRequestError && err.code === "NETWORK") {
      savePending([...pendingReads(), id]);
      return null;
    }
    throw err;
  }
}

/** Send the reads kept offline; ones the server no longer knows are dropped. Stops at the first network failure. */
export async function flushPendingReads(): Promise<void> {
  let left = pendingReads();
  for (const id of [...left]) {
    try {
      await api.post(`/api/inbox/${encodeURIComponent(id)}/read`, MarkReadResponseSchema);
    } catch (err) {
      if (err instanceof ApiRequestError && err.code === "NETWORK") break;
      // NOTIFICATION_NOT_FOUND or similar: retrying would never succeed.
    }
    left = left.filter((x) => x !== id);
    savePending(left);
  }
}
