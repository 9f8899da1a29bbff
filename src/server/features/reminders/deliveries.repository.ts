import { type Kysely, sql } from "kysely";
import type { SkipReason } from "../../../domain/reminders/delivery-policy";
import type { ChannelId } from "../../../domain/reminders/reminders.config";
import type { Dialect } from "../../db/database";
import type { Database } from "../../db/schema";

/*
 * Deliveries: the worker's queue. A push is queued, claimed under a lease against the day's quota,
 * marked sending just before it leaves, then sent, rejected (retried or failed) or unknown; leases
 * that run out and moments that pass are swept here too.
 */

type AnyDb = Kysely<Database>;

export type ClaimedDelivery = {
  id: string;
  userId: string;
  sentDay: string;
  title: string;
  body: string;
  path: string;
  zaloId: string | null;
  phone: string | null;
  name: string;
};

export async function usedToday(db: AnyDb, channel: ChannelId, day: string): Promise<number> {
  const r = await db.selectFrom("reminderQuota").select("used").where("channel", "=", channel).where("day", "=", day).executeTakeFirst();
  return r?.used ?? 0;
}

/** Give back `n` pushes of a day's quota (a claim that was never sent, or a definite rejection). */
export async function releaseQuota(db: AnyDb, channel: ChannelId, day: string, n: number): Promise<void> {
  if (n <= 0) return;
  await db
    .updateTable("reminderQuota")
    .set((eb) => ({ used: sql<number>`case when ${eb.ref("used")} >= ${n} then ${eb.ref("used")} - ${n} else 0 end` }))
    .where("channel", "=", channel)
    .where("day", "=", day)
    .execute();
}

/** Lock today's quota row (PostgreSQL): claims from several replicas then run one after another. */
export async function lockQuota(trx: AnyDb, dialect: Dialect, channel: ChannelId, day: string): Promise<number> {
  await trx.insertInto("reminderQuota").values({ channel, day, used: 0 }).onConflict((oc) => oc.columns(["channel", "day"]).doNothing()).execute();
  const row = await trx
    .selectFrom("reminderQuota")
    .select("used")
    .where("channel", "=", channel)
    .where("day", "=", day)
    .$if(dialect === "postgres", (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  return row.used;
}

/** Queued pushes that may go now, highest priority first; rows another worker holds are skipped. */
export async function lockCandidates(trx: AnyDb, dialect: Dialect, channel: ChannelId, now: Date, limit: number) {
  const at = now.toISOString();
  return trx
    .selectFrom("reminderDeliveries")
    .select(["id", "outboxId", "userId", "deadlineAt", "progress", "createdAt"])
    .where("channel", "=", channel)
    .where("status", "=", "queued")
    .where("sendAfter", "<=", at)
    .where("expiresAt", ">", at)
    .orderBy("deadlineAt")
    .orderBy("progress")
    .orderBy("createdAt")
    .orderBy("id")
    .limit(limit)
    .$if(dialect === "postgres", (q) => q.forUpdate().skipLocked())
    .execute();
}

export async function setWaiting(trx: AnyDb, ids: readonly string[], reason: SkipReason, now: Date, sendAfter?: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable("reminderDeliveries")
    .set({ reason, updatedAt: now.toISOString(), ...(sendAfter ? { sendAfter: sendAfter.toISOString() } : {}) })
    .where("id", "in", ids)
    .execute();
}

/** Everything due on a channel waits for the same thing (quiet hours, or the day's cap is used up). */
export async function markAllDueWaiting(db: AnyDb, channel: ChannelId, reason: SkipReason, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable("reminderDeliveries")
    .set({ reason, updatedAt: at })
    .where("channel", "=", channel)
    .where("status", "=", "queued")
    .where("sendAfter", "<=", at)
    .where("expiresAt", ">", at)
    .where((eb) => eb.or([eb("reason", "is", null), eb("reason", "!=", reason)]))
    .execute();
}

export async function skipDeliveries(trx: AnyDb, ids: readonly string[], reason: SkipReason, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable("reminderDeliveries").set({ status: "skipped", reason, updatedAt: now.toISOString() }).where("id", "in", ids).execute();
}

export async function claimDeliveries(trx: AnyDb, channel: ChannelId, ids: readonly string[], workerId: string, day: string, leaseUntil: Date, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable("reminderDeliveries")
    .set({ status: "claimed", claimedBy: workerId, claimedUntil: leaseUntil.toISOString(), sentDay: day, reason: null, updatedAt: now.toISOString() })
    .where("id", "in", ids)
    .where("status", "=", "queued")
    .execute();
  await trx
    .updateTable("reminderQuota")
    .set((eb) => ({ used: eb("used", "+", ids.length) }))
    .where("channel", "=", channel)
    .where("day", "=", day)
    .execute();
}

export async function loadClaimed(db: AnyDb, ids: readonly string[]): Promise<ClaimedDelivery[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("reminderDeliveries as d")
    .innerJoin("reminderOutbox as o", "o.id", "d.outboxId")
    .innerJoin("users as u", "u.id", "d.userId")
    .select(["d.id", "d.userId", "d.sentDay", "o.title", "o.body", "o.path", "u.zaloId", "u.phone", "u.fullName", "u.zaloName"])
    .where("d.id", "in", ids)
    .orderBy("d.deadlineAt")
    .orderBy("d.progress")
    .orderBy("d.createdAt")
    .orderBy("d.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    sentDay: r.sentDay as string,
    title: r.title,
    body: r.body,
    path: r.path,
    zaloId: r.zaloId,
    phone: r.phone,
    name: r.fullName ?? r.zaloName ?? "bạn",
  }));
}

/** Claimed → sending, just before the request leaves; false if this worker lost the claim. */
export async function markSending(db: AnyDb, id: string, workerId: string, leaseUntil: Date, now: Date): Promise<boolean> {
  const r = await db
    .updateTable("reminderDeliveries")
    .set((eb) => ({ status: "sending" as const, attempts: eb("attempts", "+", 1), claimedUntil: leaseUntil.toISOString(), updatedAt: now.toISOString() }))
    .where("id", "=", id)
    .where("claimedBy", "=", workerId)
    .where("status", "=", "claimed")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markSent(db: AnyDb, id: string, workerId: string, providerMessageId: string | null, response: string, now: Date): Promise<void> {
  await db
    .updateTable("reminderDeliveries")
    .set({ status: "sent", sentAt: now.toISOString(), providerMessageId, providerResponse: response, lastError: null, claimedBy: null, claimedUntil: null, updatedAt: now.toISOString() })
    .where("id", "=", id)
    .where("claimedBy", "=", workerId)
    .execute();
}

export async function markUnknown(db: AnyDb, id: string, workerId: string | null, error: string, now: Date): Promise<void> {
  await db
    .updateTable("reminderDeliveries")
    .set({ status: "unknown", lastError: error, claimedBy: null, claimedUntil: null, updatedAt: now.toISOString() })
    .where("id", "=", id)
    .$if(workerId !== null, (q) => q.where("claimedBy", "=", workerId))
    .execute();
}

/** A definite rejection: back to the queue after `retryAt`, or failed for good; its day slot is freed. */
export async function markRejected(db: AnyDb, id: string, workerId: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
  await db
    .updateTable("reminderDeliveries")
    .set({
      status: retryAt ? "queued" : "failed",
      sendAfter: retryAt ? retryAt.toISOString() : undefined,
      lastError: error,
      sentDay: null,
      claimedBy: null,
      claimedUntil: null,
      updatedAt: now.toISOString(),
    })
    .where("id", "=", id)
    .where("claimedBy", "=", workerId)
    .execute();
}

export async function attemptsOf(db: AnyDb, id: string): Promise<number> {
  const r = await db.selectFrom("reminderDeliveries").select("attempts").where("id", "=", id).executeTakeFirst();
  return r?.attempts ?? 0;
}

/**
 * After a crash: a claim that never reached "sending" goes back to the queue (nothing left this
 * machine); a push stuck in "sending" may have reached Zalo and becomes "unknown" — not re-sent.
 */
export async function recoverExpiredLeases(db: AnyDb, channel: ChannelId, now: Date): Promise<{ requeued: number; unknown: number }> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .selectFrom("reminderDeliveries")
      .select(["id", "sentDay"])
      .where("channel", "=", channel)
      .where("status", "=", "claimed")
      .where("claimedUntil", "<", at)
      .execute();
    if (claimed.length) {
      await trx
        .updateTable("reminderDeliveries")
        .set({ status: "queued", claimedBy: null, claimedUntil: null, sentDay: null, updatedAt: at })
        .where("id", "in", claimed.map((c) => c.id))
        .execute();
      const perDay = new Map<string, number>();
      for (const c of claimed) if (c.sentDay) perDay.set(c.sentDay, (perDay.get(c.sentDay) ?? 0) + 1);
      for (const [day, n] of perDay) await releaseQuota(trx, channel, day, n);
    }
    const stuck = await trx
      .updateTable("reminderDeliveries")
      .set({ status: "unknown", lastError: "the worker stopped between sending and recording; not re-sent", claimedBy: null, claimedUntil: null, updatedAt: at })
      .where("channel", "=", channel)
      .where("status", "=", "sending")
      .where("claimedUntil", "<", at)
      .executeTakeFirst();
    return { requeued: claimed.length, unknown: Number(stuck.numUpdatedRows) };
  });
}

/** Pushes whose moment has passed: skipped with what they were waiting for, or failed if the last try failed. */
export async function expireDeliveries(db: AnyDb, now: Date): Promise<number> {
  const at = now.toISOString();
  const failed = await db
    .updateTable("reminderDeliveries")
    .set({ status: "failed", updatedAt: at })
    .where("status", "=", "queued")
    .where("expiresAt", "<=", at)
    .where("lastError", "is not", null)
    .executeTakeFirst();
  const skipped = await db
    .updateTable("reminderDeliveries")
    .set((eb) => ({ status: "skipped" as const, reason: eb.fn.coalesce("reason", sql<SkipReason>`'expired'`), updatedAt: at }))
    .where("status", "=", "queued")
    .where("expiresAt", "<=", at)
    .executeTakeFirst();
  return Number(failed.numUpdatedRows) + Number(skipped.numUpdatedRows);
}
