import type { Selectable } from "kysely";

/** A person's request to delete or correct their data; organisers act on it before `dueAt`. */
export interface PrivacyRequestsTable {
  id: string;
  userId: string;
  kind: "delete" | "correct";
  /** The person's note; cleared when the person is anonymised. */
  note: string | null;
  status: "pending" | "completed" | "rejected";
  createdAt: string;
  dueAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  /** What the organiser told the person. */
  response: string | null;
}
export type PrivacyRequestRow = Selectable<PrivacyRequestsTable>;

/** Server-side switches organisers turn (values as JSON text). */
export interface PrivacySettingsTable {
  key: string;
  value: string;
  updatedAt: string;
  updatedBy: string | null;
}
