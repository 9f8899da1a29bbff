import type { Selectable } from "kysely";
import type { EntryStatus } from "../../../domain/entries/entries.schema";

export interface EntriesTable {
  id: string;
  roundId: string;
  unitCode: string;
  /** "V2-07", given on first submit; unique per round. */
  entryCode: string | null;
  status: EntryStatus;
  /** Bumped by every draft save; a save names the version it edited (409 when stale). */
  version: number;
  /** The current draft (JSON EntryDraft); frozen copies live in entry_versions. */
  draftJson: string;
  updatedBy: string | null;
  submittedVersionId: string | null;
  submittedAt: string | null;
  /** This unit's own deadline when an organiser extended it (audited). */
  deadlineOverride: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EntryVersionsTable {
  id: string;
  entryId: string;
  version: number;
  fieldsJson: string;
  /** JSON: representative, consent flags and the video link. */
  representativeJson: string;
  /** JSON of the files at that version: {id,name,size,sha256,mime}[]. */
  filesJson: string;
  submitted: number;
  sha256: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface EntryFilesTable {
  id: string;
  entryId: string;
  storageKey: string;
  /** The copy with identifying metadata removed (made on first need). */
  blindStorageKey: string | null;
  name: string;
  size: number;
  sha256: string;
  mime: string;
  uploadedBy: string | null;
  createdAt: string;
  removedAt: string | null;
}

export interface EntryContributorsTable {
  entryId: string;
  userId: string;
  via: "invite" | "lead" | "organizer";
  joinedAt: string;
}

export interface EntryUploadTokensTable {
  id: string;
  entryId: string;
  userId: string;
  expiresAt: string;
  usedAt: string | null;
}

/** A desktop browser's one-time sign-in code; the browser polls with a secret whose hash is the key. */
export interface EntrySignInCodesTable {
  pollHash: string;
  code: string;
  userId: string | null;
  createdAt: string;
  expiresAt: string;
  confirmedAt: string | null;
  usedAt: string | null;
}

export type EntryRow = Selectable<EntriesTable>;
export type EntryFileRow = Selectable<EntryFilesTable>;
export type EntryVersionRow = Selectable<EntryVersionsTable>;
