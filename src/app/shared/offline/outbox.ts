import type { z } from "zod";
import { isRetryable } from "../../../domain/shared/errors";
import { ApiRequestError } from "../api/api-client";
import { readJson, writeJson } from "../storage/json-storage";

/**
 * The one offline outbox: writes the server has not acknowledged yet (lesson progress, quiz
 * answers, inbox reads, and Stage-2 entry drafts next), so a dropped connection, a closed app or
 * a dead battery loses nothing. Each outbox is a keyed map of zod-checked entries, read from
 * storage once, then kept in memory and written through (nativeStorage in Zalo, through the
 * fence) once per change — a tap never re-parses the whole file.
 *
 * Stored as `{ v: 1, entries: { [id]: entry } }` under the outbox's storage key.
 */
export type OutboxSpec<T> = {
  /** Storage key (src/app/shared/storage/storage-keys.ts). */
  key: string;
  /** One entry; entries that no longer parse (older builds, corrupt storage) are dropped on load. */
  schema: z.ZodType<T>;
  /**
   * Send one entry. Resolve true when the server accepted it (the feature acknowledges what was
   * sent), false when there was nothing left to send; throw the ApiRequestError otherwise. Outboxes without `send` are flushed by their page.
   */
  send?: (id: string, entry: T) => Promise<boolean>;
  /** Whose entry this is: replay sends only the signed-in person's (undefined = anyone's). */
  ownerOf?: (entry: T) => string | undefined;
  /** A refused entry (not retryable) is dropped; "report" also hands the error to the sync component. */
  onFinal?: "drop" | "report";
  /** Entries stored by an older build in another shape (read once, rewritten in the new shape). */
  legacy?: (raw: unknown) => Record<string, unknown> | null;
};

export type ReplayResult = { sent: number; failed: unknown[]; stalled: boolean };

export type Outbox<T> = {
  readonly key: string;
  get(id: string): T | null;
  /** Every entry, in insertion order. */
  entries(): [string, T][];
  size(): number;
  /** Change one entry in a single write: return the new value, or undefined to delete it. */
  update(id: string, change: (prev: T | undefined) => T | undefined): T | undefined;
  put(id: string, value: T): void;
  remove(id: string): void;
  /** Told after every change (pending counts on screen). */
  subscribe(cb: () => void): () => void;
  /** Send every entry of this person, oldest first; stops at the first retryable failure. */
  replay(userId: string | null): Promise<ReplayResult>;
  /** Whether the last send failed in a way worth retrying (the sync component retries every few seconds). */
  stalled(): boolean;
  /** For a feature's own send path: record the outcome so `stalled` and the retry cadence stay right. */
  noteOutcome(err: unknown | null): void;
};

/** What the sync component needs of an outbox, whatever its entries (so outboxes of different types sit in one list). */
export type ReplayableOutbox = Pick<Outbox<unknown>, "key" | "size" | "stalled" | "replay">;

type StoredFile = { v: 1; entries: Record<string, unknown> };

const all = new Set<{ forget(): void }>();

/** Drop every outbox's memory, as when the app starts again: the next read loads storage. */
export function reloadOutboxesFromStorage(): void {
  all.forEach((o) => o.forget());
}

const codeOf = (err: unknown) => (err instanceof ApiRequestError ? err.code : null);

/** A failure worth retrying later (one policy: isRetryable beside the error codes). */
export function isRetryableError(err: unknown): boolean {
  const code = codeOf(err);
  return code !== null && isRetryable(code);
}

export function createOutbox<T>(spec: OutboxSpec<T>): Outbox<T> {
  let memory: Map<string, T> | null = null;
  let isStalled = false;
  const listeners = new Set<() => void>();

  function load(): Map<string, T> {
    if (memory) return memory;
    const raw = readJson<unknown>(spec.key, null);
    const file = raw as Partial<StoredFile> | null;
    const stored = file && file.v === 1 && file.entries && typeof file.entries === "object" ? file.entries : (spec.legacy?.(raw) ?? {});
    memory = new Map();
    for (const [id, value] of Object.entries(stored)) {
      const parsed = spec.schema.safeParse(value);
      if (parsed.success) memory.set(id, parsed.data);
    }
    return memory;
  }

  function save(): void {
    writeJson(spec.key, { v: 1, entries: Object.fromEntries(load()) } satisfies StoredFile);
    listeners.forEach((cb) => cb());
  }

  const outbox: Outbox<T> = {
    key: spec.key,
    get: (id) => load().get(id) ?? null,
    entries: () => [...load().entries()],
    size: () => load().size,
    update(id, change) {
      const map = load();
      const next = change(map.get(id));
      if (next === undefined) {
        if (!map.has(id)) return undefined;
        map.delete(id);
      } else map.set(id, next);
      save();
      return next;
    },
    put(id, value) {
      load().set(id, value);
      save();
    },
    remove(id) {
      if (load().delete(id)) save();
    },
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    async replay(userId) {
      const result: ReplayResult = { sent: 0, failed: [], stalled: false };
      if (!spec.send) return result;
      for (const [id, entry] of outbox.entries()) {
        const owner = spec.ownerOf?.(entry);
        if (owner !== undefined && owner !== userId) continue;
        try {
          const sent = await spec.send(id, entry);
          outbox.noteOutcome(null);
          if (sent) result.sent += 1;
        } catch (err) {
          outbox.noteOutcome(err);
          if (isRetryableError(err)) {
            result.stalled = true;
            break;
          }
          if (!(err instanceof ApiRequestError)) throw err;
          outbox.remove(id);
          if (spec.onFinal === "report") result.failed.push(err);
        }
      }
      return result;
    },
    stalled: () => isStalled,
    noteOutcome(err) {
      isStalled = err !== null && isRetryableError(err);
    },
  };
  all.add({ forget: () => void (memory = null) });
  return outbox;
}
