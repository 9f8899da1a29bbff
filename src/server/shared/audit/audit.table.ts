import type { Selectable } from "kysely";

/** Who did what, when, to what: decisions that affect the contest's outcome. Append-only. */
export interface AuditLogTable {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  subject: string;
  /** JSON object. */
  details: string;
}
export type AuditLogRow = Selectable<AuditLogTable>;
