import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Set when a person was anonymised (their request, or retention): the account can no longer sign in.
  await db.schema.alterTable("users").addColumn("deleted_at", "text").execute();

  await db.schema
    .createTable("privacy_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .addColumn("response", "text")
    .execute();
  await db.schema.createIndex("privacy_requests_status_due_idx").on("privacy_requests").columns(["status", "due_at"]).execute();
  await db.schema.createIndex("privacy_requests_user_idx").on("privacy_requests").column("user_id").execute();

  await db.schema
    .createTable("privacy_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("privacy_settings").execute();
  await db.schema.dropTable("privacy_requests").execute();
  await db.schema.alterTable("users").dropColumn("deleted_at").execute();
}
