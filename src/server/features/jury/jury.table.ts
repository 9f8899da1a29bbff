import type { Selectable } from "kysely";

/** One appointment of a judge to a round ("stage2" = round 1, "stage3" = the final); revocation keeps the row. */
export interface JuryJudgesTable {
  roundId: string;
  userId: string;
  appointedBy: string;
  appointedAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  /** Set when the judge declared their conflicts; entries stay hidden until then. */
  declaredAt: string | null;
}
export type JuryJudgeRow = Selectable<JuryJudgesTable>;

export interface JuryConflictsTable {
  id: string;
  roundId: string;
  judgeId: string;
  unitCode: string;
  /** works_there | worked_there | family | advised | other | own_unit */
  kind: string;
  reason: string | null;
  /** judge | auto | organizer */
  source: string;
  createdBy: string | null;
  createdAt: string;
}
export type JuryConflictRow = Selectable<JuryConflictsTable>;

export interface JurySheetsTable {
  roundId: string;
  judgeId: string;
  entryId: string;
  /** JSON { criterionKey: { score, comment } } */
  scores: string;
  total: number | null;
  comment: string | null;
  /** draft | submitted */
  status: string;
  version: number;
  updatedAt: string;
  submittedAt: string | null;
}
export type JurySheetRow = Selectable<JurySheetsTable>;

export interface JuryRoundsTable {
  roundId: string;
  closedAt: string | null;
  closedBy: string | null;
  closeReason: string | null;
  namesRevealed: number;
  orderSeed: string | null;
  /** JSON array of entry ids in presentation order. */
  orderJson: string | null;
  currentEntry: string | null;
  countdownEndsAt: string | null;
  revealed: number;
  updatedAt: string;
}
export type JuryRoundRow = Selectable<JuryRoundsTable>;

export interface JurySnapshotsTable {
  /** round1 | official */
  kind: string;
  createdAt: string;
  createdBy: string;
  reason: string | null;
  payload: string;
  csv: string;
  sha256: string;
}
export type JurySnapshotRow = Selectable<JurySnapshotsTable>;
