import { type RawBuilder, sql } from "kysely";
import type { Db, Dialect } from "../../db/database";
import type { UserRow, UserUpdate } from "../auth";
import type { NewRosterEntryRow, RosterEntryRow, RosterEntryUpdate } from "./roster.table";

/** The units feature's roster SQL (roster_entries), plus the few user reads and writes a roster match needs. */

const CHUNK = 200;
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** PostgreSQL: serialise writers of one unit's roster (SQLite already has a single writer). */
export async function lockUnit(trx: Db, dialect: Dialect, unitCode: string): Promise<void> {
  if (dialect === "postgres") await sql`SELECT code FROM units WHERE code = ${unitCode} FOR UPDATE`.execute(trx);
}

/** The roster rows of one unit (the unit's official staff list). */
export function rosterRowsOf(db: Db, unitCode: string) {
  return db.selectFrom("rosterEntries").select(["id", "userId", "fullName", "phone", "position", "subUnit"]).where("unitCode", "=", unitCode).execute();
}

export function allRosterRowsOf(db: Db, unitCode: string): Promise<RosterEntryRow[]> {
  return db.selectFrom("rosterEntries").selectAll().where("unitCode", "=", unitCode).execute();
}

/** The accounts on one unit's roster, as a sub-select (so participation reads only them, index-driven). */
export function rosterUsersOf(unitCode: string): RawBuilder<unknown> {
  return sql`SELECT re.user_id FROM roster_entries re WHERE re.unit_code = ${unitCode} AND re.user_id IS NOT NULL`;
}

/** Which unit's roster this account is on, if any. */
export function rosterEntryOfUser(db: Db, userId: string) {
  return db.selectFrom("rosterEntries").select(["id", "unitCode", "source"]).where("userId", "=", userId).executeTakeFirst();
}

/** Every roster row's unit and account (other features count a unit's people through this). */
export function rosterMembership(db: Db) {
  return db.selectFrom("rosterEntries").select(["unitCode", "userId"]).execute();
}

export function findEntry(db: Db, id: string): Promise<RosterEntryRow | undefined> {
  return db.selectFrom("rosterEntries").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findEntryByPhone(db: Db, phone: string): Promise<RosterEntryRow | undefined> {
  return db.selectFrom("rosterEntries").selectAll().where("phone", "=", phone).executeTakeFirst();
}

export function findEntryByKey(db: Db, unitCode: string, rowKey: string): Promise<RosterEntryRow | undefined> {
  return db.selectFrom("rosterEntries").selectAll().where("unitCode", "=", unitCode).where("rowKey", "=", rowKey).executeTakeFirst();
}

/** The user's other rows (a person sits on one row only). */
export function otherEntriesOfUser(db: Db, userId: string, exceptId: string) {
  return db.selectFrom("rosterEntries").select(["id", "source"]).where("userId", "=", userId).where("id", "!=", exceptId).execute();
}

/** Rows elsewhere in the city that already hold these phone numbers. */
export function phonesInOtherUnits(db: Db, phones: readonly string[], unitCode: string) {
  return db.selectFrom("rosterEntries").select(["phone", "unitCode"]).where("phone", "in", phones).where("unitCode", "!=", unitCode).execute();
}

export async function insertEntries(db: Db, rows: readonly NewRosterEntryRow[]): Promise<void> {
  for (const part of chunks(rows)) await db.insertInto("rosterEntries").values(part).execute();
}

export async function updateEntry(db: Db, id: string, patch: RosterEntryUpdate): Promise<void> {
  await db.updateTable("rosterEntries").set(patch).where("id", "=", id).execute();
}

export async function deleteEntries(db: Db, ids: readonly string[]): Promise<void> {
  for (const part of chunks(ids)) await db.deleteFrom("rosterEntries").where("id", "in", part).execute();
}

export function rosterSize(db: Db, unitCode: string) {
  return db
    .selectFrom("rosterEntries")
    .select((eb) => [eb.fn.countAll<number>().as("total"), eb.fn.count<number>("userId").as("matched")])
    .where("unitCode", "=", unitCode)
    .executeTakeFirstOrThrow();
}

export function rosterUpdatedAt(db: Db, unitCode: string) {
  return db.selectFrom("rosterEntries").select((eb) => eb.fn.max("updatedAt").as("at")).where("unitCode", "=", unitCode).executeTakeFirst();
}

// ---- The accounts a roster row is matched to (users belong to auth; a match writes their unit) ----

export function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Only Zalo-verified numbers are ever stored on users, so a match is the person themself. */
export function usersWithPhones(db: Db, phones: readonly string[]): Promise<UserRow[]> {
  return db.selectFrom("users").selectAll().where("phone", "in", phones).orderBy("phoneVerifiedAt").execute();
}

export async function updateUserFromRoster(db: Db, userId: string, patch: UserUpdate): Promise<void> {
  await db.updateTable("users").set(patch).where("id", "=", userId).execute();
}

/** Accounts that chose this unit and are on no roster. */
export function countNotOnRoster(db: Db, unitCode: string) {
  return db
    .selectFrom("users as u")
    .leftJoin("rosterEntries as r", "r.userId", "u.id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("u.unitCode", "=", unitCode)
    .where("r.id", "is", null)
    .executeTakeFirstOrThrow();
}

/** Accounts that chose this unit, with whether they are on a roster. */
export function membersOf(db: Db, unitCode: string) {
  return db
    .selectFrom("users as u")
    .leftJoin("rosterEntries as r", "r.userId", "u.id")
    .select(["u.id", "u.fullName", "u.zaloName", "u.phone", "u.role", "u.subUnit", "r.id as entryId"])
    .where("u.unitCode", "=", unitCode)
    .limit(5000)
    .execute();
}
