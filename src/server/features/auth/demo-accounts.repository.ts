import type { Role } from "../../../domain/auth/auth.schema";
import type { Db } from "../../db/database";

/** Accounts made by the demo sign-in (AUTH_DEV only): same name and role find the same account. */
/** Same name (any case, spacing or Unicode form) and role → the same key. */
export function signInKey(name: string, role: Role): string {
  return `${role}|${name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi")}`;
}

export async function findDemoAccount(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom("demoAccounts").select("userId").where("signInKey", "=", key).executeTakeFirst();
  return row?.userId ?? null;
}

export async function insertDemoAccount(db: Db, userId: string, key: string, now: Date): Promise<void> {
  await db.insertInto("demoAccounts").values({ userId, signInKey: key, createdAt: now.toISOString() }).execute();
}

/** Demo accounts, most recently used first. */
export async function listDemoAccounts(db: Db, limit = 50) {
  return db
    .selectFrom("demoAccounts as d")
    .innerJoin("users as u", "u.id", "d.userId")
    .leftJoin("units as un", "un.code", "u.unitCode")
    .select(["u.id", "u.fullName", "u.role", "u.unitCode", "un.name as unitName", "u.lastActiveAt", "d.signInKey"])
    .orderBy("u.lastActiveAt", "desc")
    .limit(limit)
    .execute();
}

export async function isDemoAccount(db: Db, userId: string): Promise<boolean> {
  return Boolean(await db.selectFrom("demoAccounts").select("userId").where("userId", "=", userId).executeTakeFirst());
}
