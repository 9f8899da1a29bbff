import type { Insertable, Selectable, Updateable } from "kysely";

/** One person on a unit's staff list (contract shared with other features: see the task brief). */
export interface RosterEntriesTable {
  id: string;
  unitCode: string;
  /** Identity within the unit: "tel:<phone>" or "name:<folded name>|<folded sub-unit>"; re-imports update by it. */
  rowKey: string;
  fullName: string;
  /** Normalised 0xxxxxxxxx; unique across all rosters. */
  phone: string | null;
  position: string | null;
  subUnit: string | null;
  /** The matched account; a user is on at most one roster row. */
  userId: string | null;
  /** 1 when an organiser's import marks this person as a unit lead. */
  isLead: number;
  source: "import" | "claim";
  createdAt: string;
  updatedAt: string;
}
export type RosterEntryRow = Selectable<RosterEntriesTable>;
export type NewRosterEntryRow = Insertable<RosterEntriesTable>;
export type RosterEntryUpdate = Updateable<RosterEntriesTable>;

/** "I work here but I am not on the list": decided by the unit's lead (or an organiser). */
export interface UnitClaimsTable {
  id: string;
  userId: string;
  unitCode: string;
  subUnit: string | null;
  position: string | null;
  note: string | null;
  status: "pending" | "approved" | "rejected";
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}
export type UnitClaimRow = Selectable<UnitClaimsTable>;

/** A unit lead's roster import after the pack's freeze: applied only when an organiser approves it. */
export interface RosterChangesTable {
  id: string;
  unitCode: string;
  /** The lead who sent it. */
  userId: string;
  requestedAt: string;
  fileName: string;
  replace: number;
  /** JSON of the parsed file (ParsedRosterSource); cleared once decided. */
  payload: string | null;
  rosterSizeBefore: number;
  /** JSON: RosterImportResponse["totals"] as if applied when sent. */
  preview: string;
  status: "pending" | "approved" | "rejected" | "superseded";
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}
export type RosterChangeRow = Selectable<RosterChangesTable>;
