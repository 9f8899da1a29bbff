import { compiledOnce } from "../../db/compiled-once";
import type { Db } from "../../db/database";
import type { UserRow } from "./users.table";

/** Sign out on one device: the session id is refused until the token would have expired anyway. */
export async function revokeSession(db: Db, sessionId: string, userId: string, expiresAt: Date): Promise<void> {
  await db
    .insertInto("revokedSessions")
    .values({ sessionId, userId, expiresAt: expiresAt.toISOString() })
    .onConflict((oc) => oc.column("sessionId").doNothing())
    .execute();
}

/**
 * The session's user and whether this session was signed out, in one query: every signed-in
 * request asks, so at the deadline it is the most frequent statement (one round trip, one plan,
 * compiled once).
 */
const sessionUser = compiledOnce(["userId", "sessionId"], (db, v) =>
  db
    .selectFrom("users")
    .selectAll("users")
    .select((eb) => eb.exists(eb.selectFrom("revokedSessions").select("sessionId").where("sessionId", "=", v("sessionId"))).as("revoked"))
    .where("id", "=", v("userId")),
);

export async function findSessionUser(db: Db, userId: string, sessionId: string): Promise<{ user: UserRow; revoked: boolean } | undefined> {
  const row = (await sessionUser(db, { userId, sessionId })).rows[0];
  if (!row) return undefined;
  const { revoked, ...user } = row;
  // SQLite answers 0/1, PostgreSQL a boolean.
  return { user, revoked: Boolean(revoked) };
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
