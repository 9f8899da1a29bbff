import type { Selectable } from "kysely";

/** The frozen result of a stage: written once, never updated. */
export interface StageSnapshotsTable {
  stageId: string;
  closedAt: string;
  closedBy: string;
  cutoff: string;
  /** JSON of { commune: RankedUnit[], department: RankedUnit[] }. */
  boardsJson: string;
  /** The published file, byte for byte (its SHA-256 is published beside it). */
  csv: string;
  sha256: string;
}
export type StageSnapshotRow = Selectable<StageSnapshotsTable>;

/** Every confirmation of the qualifiers; the latest one is in force. */
export interface QualifierConfirmationsTable {
  id: string;
  stageId: string;
  /** JSON array of unit codes. */
  unitCodes: string;
  /** JSON { communes, departments } as proposed from the snapshot. */
  proposed: string;
  changed: number;
  reason: string | null;
  confirmedBy: string;
  confirmedAt: string;
}
export type QualifierConfirmationRow = Selectable<QualifierConfirmationsTable>;
