import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";

type Trx = Transaction<Database>;

/**
 * Merge of two accounts of one person (people feature). The roster match follows the person: the
 * kept account takes the merged one's row unless it already has its own (then the merged one's row
 * is left without an account — the roster lists that person twice, which its lead should fix).
 * Claims move too, except a second pending one (a person has at most one pending claim), which is
 * closed as rejected. Returns whether a roster row moved and how many claims moved.
 */
export async function mergeRosterAndClaims(trx: Trx, fromUserId: string, toUserId: string, actorId: string, now: Date): Promise<{ roster: boolean; claims: number }> {
  const at = now.toISOString();
  const entries = await trx.selectFrom("rosterEntries").select(["id", "userId"]).where("userId", "in", [fromUserId, toUserId]).execute();
  const fromEntry = entries.find((e) => e.userId === fromUserId);
  const toEntry = entries.find((e) => e.userId === toUserId);
  let roster = false;
  if (fromEntry) {
    await trx.updateTable("rosterEntries").set({ userId: null, updatedAt: at }).where("id", "=", fromEntry.id).execute();
    if (!toEntry) {
      await trx.updateTable("rosterEntries").set({ userId: toUserId, updatedAt: at }).where("id", "=", fromEntry.id).execute();
      roster = true;
    }
  }
  const toPending = await trx.selectFrom("unitClaims").select("id").where("userId", "=", toUserId).where("status", "=", "pending").executeTakeFirst();
  if (toPending) await trx.updateTable("unitClaims").set({ status: "rejected", decidedAt: at, decidedBy: actorId }).where("userId", "=", fromUserId).where("status", "=", "pending").execute();
  const moved = await trx.updateTable("unitClaims").set({ userId: toUserId }).where("userId", "=", fromUserId).executeTakeFirst();
  return { roster, claims: Number(moved.numUpdatedRows) };
}

/** The person's roster row, if matched (people feature's person page). */
export function rosterEntryOf(db: Pick<Trx, "selectFrom">, userId: string) {
  return db.selectFrom("rosterEntries").select(["unitCode", "fullName"]).where("userId", "=", userId).executeTakeFirst();
}
