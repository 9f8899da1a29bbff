import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.

/** PostgreSQL `real` keeps ~7 digits and rejects values below ~1e-38; SQLite's REAL is already 8 bytes. */
const REAL_COLUMNS: Array<[table: string, column: string]> = [
  ["lesson_progress", "watched_sec"],
  ["lesson_progress", "coverage"],
  ["lesson_progress", "last_position"],
  ["quiz_attempts", "score"],
  ["participation_summary", "counted_score"],
  ["reminder_outbox", "progress"],
  ["reminder_deliveries", "progress"],
];

export async function up(db: Kysely<any>): Promise<void> {
  // The unit a unit-scoped role was granted for (by an organiser or an organiser's roster import).
  await db.schema.alterTable("users").addColumn("role_unit_code", "text").execute();
  // Bumped to revoke every session of the person ("sign out on all devices", an organiser's revoke).
  await db.schema.alterTable("users").addColumn("session_version", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema
    .createTable("revoked_sessions")
    .addColumn("session_id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  // Leads that exist already were granted for the unit they are in.
  await db.updateTable("users").set({ role_unit_code: sql`unit_code` }).where("role", "=", "unit_lead").execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // quiz_attempts.score sits in a trigger's WHEN clause (0004): drop it around the change, recreate it as it was.
    await sql`DROP TRIGGER units_dirty_quiz_attempts_upd ON quiz_attempts`.execute(db);
    for (const [table, column] of REAL_COLUMNS) await sql`ALTER TABLE ${sql.table(table)} ALTER COLUMN ${sql.ref(column)} TYPE double precision`.execute(db);
    await sql`CREATE TRIGGER units_dirty_quiz_attempts_upd AFTER UPDATE ON quiz_attempts FOR EACH ROW
      WHEN (OLD.finished_at IS DISTINCT FROM NEW.finished_at OR OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.score IS DISTINCT FROM NEW.score)
      EXECUTE FUNCTION units_mark_participation_dirty()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("revoked_sessions").execute();
  await db.schema.alterTable("users").dropColumn("session_version").execute();
  await db.schema.alterTable("users").dropColumn("role_unit_code").execute();
}
