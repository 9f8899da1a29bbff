import type { Db } from "../../db/database";
import type { QualifierConfirmationsTable, StageSnapshotsTable } from "./stage-close.table";

/** The stages feature's SQL: frozen snapshots and qualifier confirmations, per stage id. */

export function selectSnapshot(db: Db, stageId: string) {
  return db
    .selectFrom("stageSnapshots as s")
    .leftJoin("users as u", "u.id", "s.closedBy")
    .select(["s.closedAt", "s.closedBy", "s.cutoff", "s.sha256", "s.csv", "s.boardsJson", "u.fullName", "u.zaloName"])
    .where("s.stageId", "=", stageId)
    .executeTakeFirst();
}

/** Write the snapshot unless one exists; true when this call wrote it. */
export async function insertSnapshotOnce(db: Db, row: StageSnapshotsTable): Promise<boolean> {
  const res = await db.insertInto("stageSnapshots").values(row).onConflict((oc) => oc.column("stageId").doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * The qualifier confirmation in force for a stage: the latest confirmed (the id breaks a tie within
 * one millisecond). The one reading of "latest" for the result page and for eligibility.
 */
const inForce = (db: Db, stageId: string) => db.selectFrom("qualifierConfirmations as q").where("q.stageId", "=", stageId).orderBy("q.confirmedAt", "desc").orderBy("q.id", "desc").limit(1);

export function latestConfirmation(db: Db, stageId: string) {
  return inForce(db, stageId)
    .leftJoin("users as u", "u.id", "q.confirmedBy")
    .select(["q.unitCodes", "q.changed", "q.reason", "q.confirmedAt", "u.fullName", "u.zaloName"])
    .executeTakeFirst();
}

export async function countConfirmations(db: Db, stageId: string): Promise<number> {
  const r = await db.selectFrom("qualifierConfirmations").select((eb) => eb.fn.countAll<number>().as("n")).where("stageId", "=", stageId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertConfirmation(db: Db, row: QualifierConfirmationsTable): Promise<void> {
  await db.insertInto("qualifierConfirmations").values(row).execute();
}

/** Unit codes of the latest qualifier confirmation of a stage's results (none yet: empty). */
export async function confirmedUnitCodes(db: Db, stageId: string | undefined): Promise<string[]> {
  if (!stageId) return [];
  const row = await inForce(db, stageId).select("q.unitCodes").executeTakeFirst();
  if (!row) return [];
  try {
    const codes: unknown = JSON.parse(row.unitCodes);
    return Array.isArray(codes) ? codes.filter((c): c is string => typeof c === "string") : [];
  } catch {
    return [];
  }
}
