import type { InboxItem } from "../../../domain/reminders/reminders.schema";
import type { Db } from "../../db/database";
import type { OutboxRow } from "./reminders.table";

// ── Inbox ────────────────────────────────────────────────────────────────

export function outboxRowToItem(r: Pick<OutboxRow, "id" | "kind" | "title" | "body" | "path" | "createdAt" | "readAt">): InboxItem {
  return { id: r.id, kind: r.kind, title: r.title, body: r.body, path: r.path, createdAt: r.createdAt, readAt: r.readAt };
}

export async function listInbox(db: Db, userId: string, limit: number, after: { createdAt: string; id: string } | null) {
  return db
    .selectFrom("reminderOutbox")
    .select(["id", "kind", "title", "body", "path", "createdAt", "readAt"])
    .where("userId", "=", userId)
    .$if(after !== null, (q) =>
      q.where((eb) => eb.or([eb("createdAt", "<", after!.createdAt), eb.and([eb("createdAt", "=", after!.createdAt), eb("id", "<", after!.id)])])),
    )
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom("reminderOutbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("userId", "=", userId)
    .where("readAt", "is", null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function markRead(db: Db, userId: string, id: string, now: Date) {
  await db.updateTable("reminderOutbox").set({ readAt: now.toISOString() }).where("id", "=", id).where("userId", "=", userId).where("readAt", "is", null).execute();
  return db
    .selectFrom("reminderOutbox")
    .select(["id", "kind", "title", "body", "path", "createdAt", "readAt"])
    .where("id", "=", id)
    .where("userId", "=", userId)
    .executeTakeFirst();
}

export async function markAllRead(db: Db, userId: string, now: Date): Promise<void> {
  await db.updateTable("reminderOutbox").set({ readAt: now.toISOString() }).where("userId", "=", userId).where("readAt", "is", null).execute();
}

/** The inbox item an organiser's test reminder created. */
export function testMessageOf(db: Db, userId: string, occurrence: string) {
  return db
    .selectFrom("reminderOutbox")
    .select(["id", "kind", "title", "body", "path", "createdAt", "readAt"])
    .where("ruleId", "=", "test")
    .where("userId", "=", userId)
    .where("occurrence", "=", occurrence)
    .executeTakeFirstOrThrow();
}
