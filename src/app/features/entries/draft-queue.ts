import type { EntryDraft } from "../../../domain/entries/entries.schema";
import { readJson, writeJson } from "../../shared/storage/json-storage";
import { STORAGE_KEYS } from "../../shared/storage/storage-keys";

/**
 * Drafts typed on the phone and not yet acknowledged by the server, per (round, unit): written on
 * every keystroke, so closing the app or losing the network loses nothing. (A small queue of this
 * feature until the shared outbox of src/app/shared/offline lands.)
 */
export type PendingDraft = { baseVersion: number; draft: EntryDraft; at: number };
type Store = Record<string, PendingDraft>;

const keyOf = (round: string, unit: string) => `${round}/${unit}`;
const load = () => readJson<Store>(STORAGE_KEYS.entryDrafts, {});

export const draftQueue = {
  get: (round: string, unit: string): PendingDraft | undefined => load()[keyOf(round, unit)],
  put(round: string, unit: string, p: PendingDraft): void {
    writeJson(STORAGE_KEYS.entryDrafts, { ...load(), [keyOf(round, unit)]: p });
  },
  /** Forget the pending draft only if it is the one just acknowledged (not newer typing). */
  ack(round: string, unit: string, at: number): void {
    const all = load();
    if (all[keyOf(round, unit)]?.at !== at) return;
    delete all[keyOf(round, unit)];
    writeJson(STORAGE_KEYS.entryDrafts, all);
  },
};
