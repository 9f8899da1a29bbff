import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per (rule, moment) the scheduler has dealt with: sent, superseded or late. Catch-up reads it.
  await db.schema
    .createTable("reminder_occurrences")
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("occurrence", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("scheduled_at", "text", (c) => c.notNull())
    .addColumn("handled_at", "text", (c) => c.notNull())
    .addColumn("recipients", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("reminder_occurrences_pk", ["rule_id", "occurrence"])
    .execute();

  // The outbox: one message per (rule, person, occurrence), also the person's in-app inbox.
  await db.schema
    .createTable("reminder_outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("occurrence", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("deadline_at", "text", (c) => c.notNull())
    .addColumn("progress", "real", (c) => c.notNull())
    .addColumn("sender_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addUniqueConstraint("reminder_outbox_once", ["rule_id", "user_id", "occurrence"])
    .execute();
  await db.schema.createIndex("reminder_outbox_user_idx").on("reminder_outbox").columns(["user_id", "created_at"]).execute();
  await db.schema.createIndex("reminder_outbox_unread_idx").on("reminder_outbox").columns(["user_id", "read_at"]).execute();

  // One push per message and channel, worked by the worker.
  await db.schema
    .createTable("reminder_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("outbox_id", "text", (c) => c.notNull().references("reminder_outbox.id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("send_after", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("deadline_at", "text", (c) => c.notNull())
    .addColumn("progress", "real", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("claimed_until", "text")
    .addColumn("sent_day", "text")
    .addColumn("sent_at", "text")
    .addColumn("provider_message_id", "text")
    .addColumn("provider_response", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("reminder_deliveries_once", ["outbox_id", "channel"])
    // Zalo's "one per person per day", enforced by the database (NULL = not using a slot).
    .addUniqueConstraint("reminder_deliveries_user_day", ["channel", "user_id", "sent_day"])
    .execute();
  await db.schema
    .createIndex("reminder_deliveries_queue_idx")
    .on("reminder_deliveries")
    .columns(["channel", "status", "deadline_at", "progress", "created_at"])
    .execute();
  await db.schema.createIndex("reminder_deliveries_lease_idx").on("reminder_deliveries").columns(["status", "claimed_until"]).execute();

  // Pushes used per channel and Vietnam day; its row lock serialises claims across replicas.
  await db.schema
    .createTable("reminder_quota")
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("used", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("reminder_quota_pk", ["channel", "day"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reminder_quota").execute();
  await db.schema.dropTable("reminder_deliveries").execute();
  await db.schema.dropTable("reminder_outbox").execute();
  await db.schema.dropTable("reminder_occurrences").execute();
}
