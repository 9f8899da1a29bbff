import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * Organisers' overrides of one person's test (extra time, an extra attempt, a reopened attempt, a
 * void), each with its reason: the person is shown them, and the extra attempts are counted from here.
 * (A void clears quiz_attempts.finished_at, so the participation triggers of 0004 and every reader of
 * "finished" drop it at once; its finish time stays in quiz_overrides and the audit log.)
 * Indexes for the organisers' people search over 100 000 accounts: by name, and a unit's people by
 * name (the phone already has users_phone_idx from 0001).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("quiz_overrides")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("attempt_id", "text", (c) => c.references("quiz_attempts.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("minutes", "integer")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("quiz_overrides_user_idx").on("quiz_overrides").columns(["user_id", "at"]).execute();

  // A merge of two accounts moves facts with UPDATE … SET user_id, which 0004's triggers do not
  // watch: both people are marked dirty, so rankings follow the merge at once.
  const owner = `OLD.user_id <> NEW.user_id`;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql
      .raw(
        `CREATE FUNCTION participation_mark_both_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO participation_dirty (user_id, version) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET version = participation_dirty.version + 1;
          INSERT INTO participation_dirty (user_id, version) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET version = participation_dirty.version + 1;
          RETURN NULL;
        END $$`,
      )
      .execute(db);
    for (const table of ["quiz_attempts", "lesson_progress"])
      await sql.raw(`CREATE TRIGGER participation_owner_${table} AFTER UPDATE OF user_id ON ${table} FOR EACH ROW WHEN (${owner}) EXECUTE FUNCTION participation_mark_both_dirty()`).execute(db);
  } else {
    const mark = (who: string) => `INSERT INTO participation_dirty (user_id, version) VALUES (${who}.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET version = version + 1;`;
    for (const table of ["quiz_attempts", "lesson_progress"])
      await sql.raw(`CREATE TRIGGER participation_owner_${table} AFTER UPDATE OF user_id ON ${table} WHEN ${owner} BEGIN ${mark("NEW")} ${mark("OLD")} END`).execute(db);
  }

  // Merge of two accounts: the merged one keeps its row (for the log and old references) and points here.
  await db.schema.alterTable("users").addColumn("merged_into", "text").execute();
  await db.schema.createIndex("users_full_name_idx").on("users").column("full_name").execute();
  await db.schema.createIndex("users_unit_name_idx").on("users").columns(["unit_code", "full_name"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("users_unit_name_idx").execute();
  await db.schema.dropIndex("users_full_name_idx").execute();
  await db.schema.alterTable("users").dropColumn("merged_into").execute();
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of ["quiz_attempts", "lesson_progress"])
    await sql.raw(`DROP TRIGGER IF EXISTS participation_owner_${table}${pg ? ` ON ${table}` : ""}`).execute(db);
  if (pg) await sql`DROP FUNCTION IF EXISTS participation_mark_both_dirty()`.execute(db);
  await db.schema.dropTable("quiz_overrides").execute();
}
