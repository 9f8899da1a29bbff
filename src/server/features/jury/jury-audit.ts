import type { Db } from "../../db/database";
import { recordAudit } from "../../shared/audit";

/**
 * Every jury and certificate decision goes to the audit log through here, so the move of the log
 * to src/server/shared/audit changes one import.
 */
export function juryAudit(db: Db, actorId: string | null, action: string, subject: string, details: Record<string, unknown>, now: Date): Promise<void> {
  return recordAudit(db, { actorId, action, subject, details }, now);
}
