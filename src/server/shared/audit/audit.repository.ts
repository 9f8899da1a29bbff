import { randomUUID } from "node:crypto";
import type { Db } from "../../db/database";

// Orders entries written within the same millisecond (the log is read newest first).
let sequence = 0;
const nextId = () => `${String(++sequence).padStart(10, "0")}-${randomUUID()}`;

export type AuditInput = { actorId: string | null; action: string; subject: string; details: Record<string, unknown> };

export async function insertAuditEntry(db: Db, entry: AuditInput, now: Date): Promise<void> {
  await db
    .insertInto("auditLog")
    .values({ id: nextId(), at: now.toISOString(), actorId: entry.actorId, action: entry.action, subject: entry.subject, details: JSON.stringify(entry.details) })
    .execute();
}

export async function selectAuditEntries(db: Db, limit: number) {
  return db
    .selectFrom("auditLog as a")
    .leftJoin("users as u", "u.id", "a.actorId")
    // The subject is a unit code, a person's id or a stage: give people a name to read.
    .leftJoin("units as su", "su.code", "a.subject")
    .leftJoin("users as sp", "sp.id", "a.subject")
    .select(["a.id", "a.at", "a.action", "a.subject", "a.details", "u.fullName as actorName", "u.zaloName as actorZaloName", "su.fullName as subjectUnitName", "sp.fullName as subjectPersonName"])
    .orderBy("a.at", "desc")
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
}
