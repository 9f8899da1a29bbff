import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Cross-feature contract: units, quiz and reminders read user_id, lesson_id and completed_at.
  // The other columns have defaults so that a row with only those three is still valid.
  await db.schema
    .createTable("lesson_progress")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("lesson_id", "text", (c) => c.notNull())
    /** Merged watched spans as JSON [[from, to], …] in seconds. */
    .addColumn("intervals", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("watched_sec", "real", (c) => c.notNull().defaultTo(0))
    .addColumn("coverage", "real", (c) => c.notNull().defaultTo(0))
    .addColumn("last_position", "real", (c) => c.notNull().defaultTo(0))
    .addColumn("started_at", "text")
    .addColumn("last_report_at", "text")
    .addColumn("completed_at", "text")
    .addColumn("updated_at", "text")
    .addPrimaryKeyConstraint("lesson_progress_pk", ["user_id", "lesson_id"])
    .execute();
  // Participation counts per unit look up completions by lesson.
  await db.schema.createIndex("lesson_progress_lesson_completed_idx").on("lesson_progress").columns(["lesson_id", "completed_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("lesson_progress").execute();
}
