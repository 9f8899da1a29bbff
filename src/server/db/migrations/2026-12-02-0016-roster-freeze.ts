import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.

/**
 * After the pack's roster freeze, a unit lead's roster import waits here for an organiser's
 * decision (issue 10: a list trimmed to the people who took part made a unit 100 %). `payload` is
 * the parsed file, kept only while the change is pending. `user_id` is the lead who sent it.
 * The official headcount an organiser sets per unit: participation is measured against the larger
 * of it and the roster.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("roster_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("unit_code", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("replace", "integer", (c) => c.notNull())
    .addColumn("payload", "text")
    .addColumn("roster_size_before", "integer", (c) => c.notNull())
    /** JSON: the import's totals as if applied when it was sent. */
    .addColumn("preview", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("reason", "text")
    .execute();
  await db.schema.createIndex("roster_changes_unit_idx").on("roster_changes").columns(["unit_code", "requested_at"]).execute();
  await db.schema.createIndex("roster_changes_status_idx").on("roster_changes").columns(["status", "requested_at"]).execute();

  await db.schema
    .createTable("unit_headcounts")
    .addColumn("unit_code", "text", (c) => c.primaryKey())
    .addColumn("headcount", "integer", (c) => c.notNull())
    .addColumn("set_by", "text", (c) => c.notNull())
    .addColumn("set_at", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("unit_headcounts").execute();
  await db.schema.dropTable("roster_changes").execute();
}
