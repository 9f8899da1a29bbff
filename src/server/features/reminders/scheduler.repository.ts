import type { Kysely } from "kysely";
import type { ChannelId } from "../../../domain/reminders/reminders.config";
import type { Database } from "../../db/schema";

/** The worker's reads and writes outside the delivery queue: occurrences handled, recipients' channel facts. */
type AnyDb = Kysely<Database>;

export function handledOccurrences(db: AnyDb) {
  return db.selectFrom("reminderOccurrences").select(["ruleId", "occurrence"]).execute();
}

/** Claim an occurrence for this replica; false when another replica handled it first. */
export async function claimOccurrence(
  trx: AnyDb,
  row: { ruleId: string; occurrence: string; decision: "send" | "superseded" | "late"; scheduledAt: string; handledAt: string },
): Promise<boolean> {
  const claim = await trx
    .insertInto("reminderOccurrences")
    .values({ ...row, recipients: 0 })
    .onConflict((oc) => oc.columns(["ruleId", "occurrence"]).doNothing())
    .executeTakeFirst();
  return Number(claim.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setOccurrenceRecipients(trx: AnyDb, ruleId: string, occurrence: string, recipients: number): Promise<void> {
  await trx.updateTable("reminderOccurrences").set({ recipients }).where("ruleId", "=", ruleId).where("occurrence", "=", occurrence).execute();
}

/** What a channel needs to know of its recipients (users belong to auth; read by the agreed columns). */
export function channelFactsOf(trx: AnyDb, userIds: readonly string[]) {
  return trx.selectFrom("users").select(["id", "zaloId", "notificationsConsent", "lastActiveAt"]).where("id", "in", userIds).execute();
}

export async function usersSentToday(trx: AnyDb, channel: ChannelId, day: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await trx.selectFrom("reminderDeliveries").select("userId").where("channel", "=", channel).where("sentDay", "=", day).where("userId", "in", userIds).execute();
  return new Set(rows.map((r) => r.userId));
}

export function rulesOfMessages(trx: AnyDb, outboxIds: readonly string[]) {
  return trx.selectFrom("reminderOutbox").select(["id", "ruleId"]).where("id", "in", outboxIds).execute();
}
