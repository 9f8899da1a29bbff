import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ReminderChannel } from "./reminder-channels";
import type { ReminderOutboxTable } from "./reminders.table";

type AnyDb = Kysely<Database>;

/** What the scheduler queues: the outbox row's own fields, plus when a push stops being useful. */
export type NewMessage = Pick<
  ReminderOutboxTable,
  "ruleId" | "userId" | "occurrence" | "kind" | "title" | "body" | "path" | "deadlineAt" | "progress" | "senderId"
> & {
  /** Pushes are pointless after this. */
  expiresAt: string;
};

const CHUNK = 200;

/**
 * Queue messages: each (rule, person, occurrence) at most once (the unique key decides, so a
 * second scheduler or a retried nudge is a no-op), each with one delivery per push channel.
 * Returns the people whose message was new. Run inside the caller's transaction.
 */
export async function enqueueMessages(trx: AnyDb, channels: readonly ReminderChannel[], messages: readonly NewMessage[], now: Date): Promise<Set<string>> {
  const at = now.toISOString();
  const inserted = new Set<string>();
  for (let i = 0; i < messages.length; i += CHUNK) {
    const chunk = messages.slice(i, i + CHUNK);
    const rows = await trx
      .insertInto("reminderOutbox")
      .values(chunk.map(({ expiresAt: _e, ...m }) => ({ ...m, id: randomUUID(), createdAt: at, readAt: null })))
      .onConflict((oc) => oc.columns(["ruleId", "userId", "occurrence"]).doNothing())
      .returning(["id", "userId"])
      .execute();
    if (rows.length === 0 || channels.length === 0) {
      rows.forEach((r) => inserted.add(r.userId));
      continue;
    }
    const byUser = new Map(chunk.map((m) => [m.userId, m]));
    const deliveries = rows.flatMap((r) => {
      inserted.add(r.userId);
      const m = byUser.get(r.userId) as NewMessage;
      return channels.map((c) => ({
        id: randomUUID(),
        outboxId: r.id,
        userId: r.userId,
        channel: c.id,
        status: c.configured ? ("queued" as const) : ("skipped" as const),
        reason: c.configured ? null : ("channel_off" as const),
        attempts: 0,
        sendAfter: at,
        expiresAt: m.expiresAt,
        deadlineAt: m.deadlineAt,
        progress: m.progress,
        createdAt: at,
        updatedAt: at,
      }));
    });
    await trx.insertInto("reminderDeliveries").values(deliveries).execute();
  }
  return inserted;
}
