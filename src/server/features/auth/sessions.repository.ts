import type { Db } from "../../db/database";

/** Sign out on one device: the session id is refused until the token would have expired anyway. */
export async function revokeSession(db: Db, sessionId: string, userId: string, expiresAt: Date): Promise<void> {
  await db
    .insertInto("revokedSessions")
    .values({ sessionId, userId, expiresAt: expiresAt.toISOString() })
    .onConflict((oc) => oc.column("sessionId").doNothing())
    .execute();
}

export async function isSessionRevoked(db: Db, sessionId: string): Promise<boolean> {
  return (await db.selectFrom("revokedSessions").select("sessionId").where("sessionId", "=", sessionId).executeTakeFirst()) !== undefined;
}

/** Sign out everywhere: every token carrying an older version stops working. */
export async function bumpSessionVersion(db: Db, userId: string): Promise<void> {
  await db
    .updateTable("users")
    .set((eb) => ({ sessionVersion: eb("sessionVersion", "+", 1) }))
    .where("id", "=", userId)
    .execute();
}

export async function purgeExpiredRevocations(db: Db, now: Date): Promise<void> {
  await db.deleteFrom("revokedSessions").where("expiresAt", "<", now.toISOString()).execute();
}
