import type { Db } from "../../db/database";
import { type AuditInput, insertAuditEntry, selectAuditEntries } from "./audit.repository";

export type { AuditInput } from "./audit.repository";

/** Append one line to the audit log (inside the caller's transaction when given one). */
export async function recordAudit(db: Db, entry: AuditInput, now: Date): Promise<void> {
  await insertAuditEntry(db, entry, now);
}

/** The newest entries first, with the actor's name and the subject's (a unit's or a person's). */
export async function listAudit(db: Db, limit: number) {
  const rows = await selectAuditEntries(db, limit);
  return rows.map(({ actorName, actorZaloName, subjectUnitName, subjectPersonName, details, ...r }) => ({
    ...r,
    actorName: actorName ?? actorZaloName ?? null,
    // People read names, not unit codes or ids (issue 15).
    subjectName: subjectUnitName ?? subjectPersonName ?? null,
    details: JSON.parse(details) as Record<string, unknown>,
  }));
}
