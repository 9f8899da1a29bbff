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
  row: { ruleId: string; occurrence: string; decision: "send" | "superseded" | "late" | "expanding"; scheduledAt: string; handledAt: string },
): Promise<boolean> {
  const claim = await trx
    .insertInto("reminderOccurrences")
    .values({ ...row, recipients: 0 })
    .onConflict((oc) => oc.columns(["ruleId", "occurrence"]).doNothing())
    .executeTakeFirst();
  return Number(claim.numInsertedOrUpdatedRows ?? 0) > 0;
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

/** Expansions whose worker has not shown a sign of life since `staleBefore` (it died, or its replica did). */
export function staleExpansions(db: AnyDb, staleBefore: string) {
  return db
    .selectFrom("reminderOccurrences")
    .select(["ruleId", "occurrence", "scheduledAt", "handledAt"])
    .where("decision", "=", "expanding")
    .where("handledAt", "<", staleBefore)
    .execute();
}

/** Take over (or keep alive) an expansion: true when its heartbeat was still `seen`, so this worker now holds it. */
export async function touchExpansion(trx: AnyDb, ruleId: string, occurrence: string, seen: string, at: string): Promise<boolean> {
  const r = await trx
    .updateTable("reminderOccurrences")
    .set({ handledAt: at })
    .where("ruleId", "=", ruleId)
    .where("occurrence", "=", occurrence)
    .where("decision", "=", "expanding")
    .where("handledAt", "=", seen)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** In a chunk's own transaction: its new messages counted, and a sign of life. */
export async function addExpanded(trx: AnyDb, ruleId: string, occurrence: string, added: number, at: string): Promise<void> {
  await trx
    .updateTable("reminderOccurrences")
    .set((eb) => ({ recipients: eb("recipients", "+", added), handledAt: at }))
    .where("ruleId", "=", ruleId)
    .where("occurrence", "=", occurrence)
    .execute();
}

/** Every recipient is queued: the occurrence is sent. Returns how many messages it has in all. */
export async function finishExpansion(trx: AnyDb, ruleId: string, occurrence: string, at: string): Promise<number> {
  await trx.updateTable("reminderOccurrences").set({ decision: "send", handledAt: at }).where("ruleId", "=", ruleId).where("occurrence", "=", occurrence).execute();
  const r = await trx.selectFrom("reminderOccurrences").select("recipients").where("ruleId", "=", ruleId).where("occurrence", "=", occurrence).executeTakeFirst();
  return r?.recipients ?? 0;
}
