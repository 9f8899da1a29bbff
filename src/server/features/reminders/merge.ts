import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Merge of two accounts of one person (people feature): the merged account's inbox moves to the
 * kept one; a message both received (same rule and moment) stays once, the kept account's copy.
 * Deliveries stay with the account they were pushed to (a record of what Zalo was asked to send).
 * Returns how many messages moved.
 */
export async function mergeInbox(trx: Transaction<Database>, fromUserId: string, toUserId: string): Promise<number> {
  const rows = await trx.selectFrom("reminderOutbox").select(["id", "userId", "ruleId", "occurrence"]).where("userId", "in", [fromUserId, toUserId]).execute();
  const kept = new Set(rows.filter((r) => r.userId === toUserId).map((r) => `${r.ruleId}\u0000${r.occurrence}`));
  const movable = rows.filter((r) => r.userId === fromUserId && !kept.has(`${r.ruleId}\u0000${r.occurrence}`)).map((r) => r.id);
  for (let i = 0; i < movable.length; i += 500) await trx.updateTable("reminderOutbox").set({ userId: toUserId }).where("id", "in", movable.slice(i, i + 500)).execute();
  return movable.length;
}
