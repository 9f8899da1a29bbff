import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("quiz_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("attempt_no", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("score", "real")
    .addColumn("correct_count", "integer")
    .addColumn("question_count", "integer", (c) => c.notNull())
    .addUniqueConstraint("quiz_attempts_user_no_unique", ["user_id", "attempt_no"])
    .execute();
  // At most one active attempt per person, enforced by the database (concurrent starts).
  await db.schema.createIndex("quiz_attempts_one_active_idx").on("quiz_attempts").column("user_id").unique().where(sql.ref("status"), "=", "active").execute();
  // The sweeper looks for active attempts past their deadline.
  await db.schema.createIndex("quiz_attempts_status_due_idx").on("quiz_attempts").columns(["status", "due_at"]).execute();

  await db.schema
    .createTable("quiz_attempt_questions")
    .addColumn("attempt_id", "text", (c) => c.notNull().references("quiz_attempts.id"))
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("option_order", "text", (c) => c.notNull())
    .addColumn("correct_option_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("quiz_attempt_questions_pk", ["attempt_id", "question_id"])
    .execute();

  await db.schema
    .createTable("quiz_answers")
    .addColumn("attempt_id", "text", (c) => c.notNull().references("quiz_attempts.id"))
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("option_id", "text", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("saved_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("quiz_answers_pk", ["attempt_id", "question_id"])
    .execute();

  await db.schema
    .createTable("quiz_focus_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("attempt_id", "text", (c) => c.notNull().references("quiz_attempts.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("quiz_focus_events_attempt_idx").on("quiz_focus_events").column("attempt_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("quiz_focus_events").execute();
  await db.schema.dropTable("quiz_answers").execute();
  await db.schema.dropTable("quiz_attempt_questions").execute();
  await db.schema.dropTable("quiz_attempts").execute();
}
