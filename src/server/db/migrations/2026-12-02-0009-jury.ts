import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Entry ids are text and carry no foreign key: entries are the entries feature's tables.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("jury_judges")
    .addColumn("round_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("appointed_by", "text", (c) => c.notNull())
    .addColumn("appointed_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text")
    .addColumn("revoke_reason", "text")
    .addColumn("declared_at", "text")
    .addPrimaryKeyConstraint("jury_judges_pk", ["round_id", "user_id"])
    .execute();

  await db.schema
    .createTable("jury_conflicts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull())
    .addColumn("judge_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("unit_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("jury_conflicts_unique", ["round_id", "judge_id", "unit_code"])
    .execute();

  await db.schema
    .createTable("jury_sheets")
    .addColumn("round_id", "text", (c) => c.notNull())
    .addColumn("judge_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("entry_id", "text", (c) => c.notNull())
    /** JSON { criterionKey: { score, comment } }. */
    .addColumn("scores", "text", (c) => c.notNull())
    .addColumn("total", "real")
    .addColumn("comment", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addPrimaryKeyConstraint("jury_sheets_pk", ["round_id", "judge_id", "entry_id"])
    .execute();

  await db.schema
    .createTable("jury_rounds")
    .addColumn("round_id", "text", (c) => c.primaryKey())
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text")
    .addColumn("close_reason", "text")
    .addColumn("names_revealed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("order_seed", "text")
    .addColumn("order_json", "text")
    .addColumn("current_entry", "text")
    .addColumn("countdown_ends_at", "text")
    .addColumn("revealed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  /** Frozen results: written once ("round1" finalists, "official" prizes), never updated. */
  await db.schema
    .createTable("jury_snapshots")
    .addColumn("kind", "text", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("csv", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("certificates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    /** unit code (award) or user id (participation). */
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("pdf_base64", "text", (c) => c.notNull())
    .addColumn("pdf_sha256", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("issued_by", "text")
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text")
    .addColumn("revoke_reason", "text")
    .execute();
  // One live certificate per kind and subject; a revoked one stays beside its replacement.
  await db.schema.createIndex("certificates_live_unique").on("certificates").columns(["kind", "subject"]).unique().where(sql.ref("revoked_at"), "is", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["certificates", "jury_snapshots", "jury_rounds", "jury_sheets", "jury_conflicts", "jury_judges"]) await db.schema.dropTable(t).execute();
}
