import { randomUUID } from "node:crypto";
import type { User } from "../../../domain/auth/auth.schema";
import type { Db } from "../../db/database";
import type { NewUserRow, UserRow, UserUpdate } from "./users.table";

export function userRowToUser(row: UserRow): User {
  return {
    id: row.id,
    fullName: row.fullName,
    zaloName: row.zaloName,
    phone: row.phone,
    role: row.role,
    unitCode: row.unitCode,
    subUnit: row.subUnit,
    position: row.position,
    onboarded: Boolean(row.fullName && row.unitCode),
    notificationsConsent: row.notificationsConsent === null ? null : row.notificationsConsent === 1,
    createdAt: row.createdAt,
  };
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findUserByZaloId(db: Db, zaloId: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("zaloId", "=", zaloId).executeTakeFirst();
}

export async function insertUser(db: Db, values: Omit<NewUserRow, "id" | "createdAt" | "updatedAt" | "lastActiveAt">, now: Date): Promise<UserRow> {
  const at = now.toISOString();
  const row = { id: randomUUID(), createdAt: at, updatedAt: at, lastActiveAt: at, ...values };
  await db.insertInto("users").values(row).execute();
  const inserted = await findUserById(db, row.id);
  if (!inserted) throw new Error("user insert lost");
  return inserted;
}

/**
 * First sign-in: insert the Zalo user unless a concurrent request (a double tap) already did, then
 * read whichever row won. Both databases support INSERT … ON CONFLICT DO NOTHING.
 */
export async function insertZaloUserOnce(db: Db, values: { zaloId: string; zaloName: string | null }, now: Date): Promise<UserRow> {
  const at = now.toISOString();
  await db
    .insertInto("users")
    .values({ id: randomUUID(), createdAt: at, updatedAt: at, lastActiveAt: at, role: "staff", ...values })
    .onConflict((oc) => oc.column("zaloId").doNothing())
    .execute();
  const row = await findUserByZaloId(db, values.zaloId);
  if (!row) throw new Error("user insert lost");
  return row;
}

export async function updateUser(db: Db, id: string, patch: UserUpdate, now: Date): Promise<UserRow> {
  await db.updateTable("users").set({ ...patch, updatedAt: now.toISOString() }).where("id", "=", id).execute();
  const row = await findUserById(db, id);
  if (!row) throw new Error(`user ${id} vanished`);
  return row;
}

/** Write buffered activity times in one transaction; an older time never overwrites a newer one (a sign-in wrote it meanwhile). */
export async function touchLastActiveMany(db: Db, entries: readonly (readonly [id: string, atIso: string])[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [id, at] of entries) await trx.updateTable("users").set({ lastActiveAt: at }).where("id", "=", id).where("lastActiveAt", "<", at).execute();
  });
}

/** The unit whose roster lists this person, if any. */
export async function findRosterUnitOf(db: Db, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("rosterEntries")
    .select("unitCode")
    .where("userId", "=", userId)
    // Not the demo's own placement (AUTH_DEV only, row key `demo:<user id>`, written by the demo feature): it follows the person.
    .where("rowKey", "!=", `demo:${userId}`)
    .executeTakeFirst();
  return row?.unitCode;
}

/** Changing unit drops unit-scoped roles: a lead of A who moves is staff in B. */
export function unitScopedRoleDropped(user: Pick<UserRow, "role">): UserUpdate {
  return user.role === "unit_lead" ? { role: "staff", roleUnitCode: null } : {};
}
