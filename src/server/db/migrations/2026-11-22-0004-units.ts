import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("roster_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("unit_code", "text", (c) => c.notNull().references("units.code"))
    .addColumn("row_key", "text", (c) => c.notNull())
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("position", "text")
    .addColumn("sub_unit", "text")
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .addColumn("is_lead", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("roster_entries_unit_key_unique", ["unit_code", "row_key"])
    .execute();
  // NULLs are distinct in unique indexes on both databases: many rows may lack a phone or an account.
  await db.schema.createIndex("roster_entries_phone_unique").on("roster_entries").column("phone").unique().execute();
  await db.schema.createIndex("roster_entries_user_unique").on("roster_entries").column("user_id").unique().execute();

  await db.schema
    .createTable("unit_claims")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("unit_code", "text", (c) => c.notNull().references("units.code"))
    .addColumn("sub_unit", "text")
    .addColumn("position", "text")
    .addColumn("note", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .execute();
  await db.schema.createIndex("unit_claims_unit_status_idx").on("unit_claims").columns(["unit_code", "status"]).execute();
  // One pending claim per person, even under double taps.
  await db.schema.createIndex("unit_claims_one_pending_idx").on("unit_claims").column("user_id").unique().where(sql.ref("status"), "=", "pending").execute();

  await db.schema
    .createTable("stage_snapshots")
    .addColumn("stage_id", "text", (c) => c.primaryKey())
    .addColumn("closed_at", "text", (c) => c.notNull())
    .addColumn("closed_by", "text", (c) => c.notNull())
    .addColumn("cutoff", "text", (c) => c.notNull())
    .addColumn("boards_json", "text", (c) => c.notNull())
    .addColumn("csv", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("qualifier_confirmations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("stage_id", "text", (c) => c.notNull())
    .addColumn("unit_codes", "text", (c) => c.notNull())
    .addColumn("proposed", "text", (c) => c.notNull())
    .addColumn("changed", "integer", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("confirmed_by", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("qualifier_confirmations_stage_idx").on("qualifier_confirmations").columns(["stage_id", "confirmed_at"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();

  // The city-wide ranking reads every completion and finished attempt, grouped by person: these
  // partial covering indexes let both databases stream them in person order without touching the
  // tables (the tables belong to learning and quiz; the indexes only serve the ranking).
  await db.schema
    .createIndex("units_lesson_progress_done_idx")
    .on("lesson_progress")
    .columns(["user_id", "completed_at", "lesson_id"])
    .where(sql.ref("completed_at"), "is not", null)
    .execute();
  await db.schema
    .createIndex("units_quiz_attempts_finished_idx")
    .on("quiz_attempts")
    .columns(["user_id", "finished_at", "started_at", "score"])
    .where(sql.ref("finished_at"), "is not", null)
    .execute();

  // Per-person participation, kept current from the facts: the ranking then reads one row per
  // person instead of every completion. Triggers on the learning and quiz tables mark a person
  // "dirty" (with a version, so a mark that arrives while we recompute is never lost); the units
  // feature recomputes dirty people before it ranks. See participation.repository.ts.
  await db.schema
    .createTable("participation_summary")
    .addColumn("user_id", "text", (c) => c.primaryKey())
    .addColumn("lessons_done", "integer", (c) => c.notNull())
    .addColumn("lessons_at", "text")
    .addColumn("tested", "integer", (c) => c.notNull())
    .addColumn("counted_score", "real")
    .addColumn("first_finished", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("participation_dirty")
    .addColumn("user_id", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("participation_meta")
    .addColumn("id", "text", (c) => c.primaryKey())
    /** What the summaries were computed for (lessons, cutoff, counted attempt); a change rebuilds them. */
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("built_at", "text", (c) => c.notNull())
    .execute();

  const facts = [
    { table: "lesson_progress", changed: ["completed_at", "lesson_id"], present: "completed_at" },
    { table: "quiz_attempts", changed: ["finished_at", "started_at", "score"], present: "finished_at" },
  ];
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      CREATE FUNCTION units_mark_participation_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE uid text;
      BEGIN
        IF TG_OP = 'DELETE' THEN uid := OLD.user_id; ELSE uid := NEW.user_id; END IF;
        INSERT INTO participation_dirty (user_id, version) VALUES (uid, 1)
          ON CONFLICT (user_id) DO UPDATE SET version = participation_dirty.version + 1;
        RETURN NULL;
      END $$`.execute(db);
    for (const f of facts) {
      const t = sql.raw(f.table);
      const present = sql.raw(f.present);
      const changed = sql.raw(f.changed.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(" OR "));
      await sql`CREATE TRIGGER ${sql.raw(`units_dirty_${f.table}_ins`)} AFTER INSERT ON ${t} FOR EACH ROW WHEN (NEW.${present} IS NOT NULL) EXECUTE FUNCTION units_mark_participation_dirty()`.execute(db);
      await sql`CREATE TRIGGER ${sql.raw(`units_dirty_${f.table}_upd`)} AFTER UPDATE ON ${t} FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION units_mark_participation_dirty()`.execute(db);
      await sql`CREATE TRIGGER ${sql.raw(`units_dirty_${f.table}_del`)} AFTER DELETE ON ${t} FOR EACH ROW WHEN (OLD.${present} IS NOT NULL) EXECUTE FUNCTION units_mark_participation_dirty()`.execute(db);
    }
  } else {
    const mark = (who: "NEW" | "OLD") =>
      sql.raw(`INSERT INTO participation_dirty (user_id, version) VALUES (${who}.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET version = version + 1;`);
    for (const f of facts) {
      const t = sql.raw(f.table);
      const present = sql.raw(f.present);
      const changed = sql.raw(f.changed.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(" OR "));
      await sql`CREATE TRIGGER ${sql.raw(`units_dirty_${f.table}_ins`)} AFTER INSERT ON ${t} WHEN NEW.${present} IS NOT NULL BEGIN ${mark("NEW")} END`.execute(db);
      await sql`CREATE TRIGGER ${sql.raw(`units_dirty_${f.table}_upd`)} AFTER UPDATE ON ${t} WHEN ${changed} BEGIN ${mark("NEW")} END`.execute(db);
      await sql`CREATE TRIGGER ${sql.raw(`units_dirty_${f.table}_del`)} AFTER DELETE ON ${t} WHEN OLD.${present} IS NOT NULL BEGIN ${mark("OLD")} END`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["lesson_progress", "quiz_attempts"])
    for (const op of ["ins", "upd", "del"])
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`units_dirty_${table}_${op}`)}${sql.raw(db.getExecutor().adapter instanceof PostgresAdapter ? ` ON ${table}` : "")}`.execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`DROP FUNCTION IF EXISTS units_mark_participation_dirty()`.execute(db);
  await db.schema.dropTable("participation_meta").execute();
  await db.schema.dropTable("participation_dirty").execute();
  await db.schema.dropTable("participation_summary").execute();
  await db.schema.dropIndex("units_quiz_attempts_finished_idx").execute();
  await db.schema.dropIndex("units_lesson_progress_done_idx").execute();
  await db.schema.dropTable("audit_log").execute();
  await db.schema.dropTable("qualifier_confirmations").execute();
  await db.schema.dropTable("stage_snapshots").execute();
  await db.schema.dropTable("unit_claims").execute();
  await db.schema.dropTable("roster_entries").execute();
}
