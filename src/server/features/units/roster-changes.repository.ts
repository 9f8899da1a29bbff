import type { Db } from "../../db/database";
import type { RosterChangeRow, RosterChangesTable } from "./roster.table";

/** The units feature's SQL for held roster changes (roster_changes). */

export async function insertChange(db: Db, row: RosterChangesTable): Promise<void> {
  await db.insertInto("rosterChanges").values(row).execute();
}

/** A newer file from the same unit replaces the one still waiting (its payload is dropped). */
export async function supersedePending(db: Db, unitCode: string, at: string): Promise<number> {
  const res = await db.updateTable("rosterChanges").set({ status: "superseded", decidedAt: at, payload: null }).where("unitCode", "=", unitCode).where("status", "=", "pending").executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Close a pending change (once: false when someone decided it already); the parsed file is no longer kept. */
export async function closePending(db: Db, id: string, close: { status: "approved" | "rejected"; decidedBy: string; decidedAt: string; reason: string }): Promise<boolean> {
  const res = await db.updateTable("rosterChanges").set({ ...close, payload: null }).where("id", "=", id).where("status", "=", "pending").executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function findChange(db: Db, id: string): Promise<RosterChangeRow | undefined> {
  return db.selectFrom("rosterChanges").selectAll().where("id", "=", id).executeTakeFirst();
}

const withNames = (db: Db) =>
  db
    .selectFrom("rosterChanges as c")
    .leftJoin("users as r", "r.id", "c.userId")
    .leftJoin("users as d", "d.id", "c.decidedBy")
    .select(["c.id", "c.unitCode", "c.requestedAt", "c.fileName", "c.replace", "c.rosterSizeBefore", "c.preview", "c.status", "c.decidedAt", "c.reason"])
    .select((eb) => [eb.fn.coalesce("r.fullName", "r.zaloName").as("requestedByName"), eb.fn.coalesce("d.fullName", "d.zaloName").as("decidedByName")]);
export type ChangeWithNames = Awaited<ReturnType<ReturnType<typeof withNames>["executeTakeFirstOrThrow"]>>;

export const changeWithNames = (db: Db, id: string) => withNames(db).where("c.id", "=", id).executeTakeFirst();

/** Every change still waiting, oldest first (organisers decide in order). */
export const pendingChanges = (db: Db) => withNames(db).where("c.status", "=", "pending").orderBy("c.requestedAt").orderBy("c.id").limit(500).execute();

/** The unit's latest change that was sent (pending or decided; a superseded one is not shown). */
export const latestChangeOfUnit = (db: Db, unitCode: string) =>
  withNames(db).where("c.unitCode", "=", unitCode).where("c.status", "!=", "superseded").orderBy("c.requestedAt", "desc").orderBy("c.id", "desc").limit(1).executeTakeFirst();
