import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // One entry per unit per round, enforced here (not only in the app).
  await db.schema
    .createTable("entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull())
    .addColumn("unit_code", "text", (c) => c.notNull())
    .addColumn("entry_code", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("draft_json", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("submitted_version_id", "text")
    .addColumn("submitted_at", "text")
    .addColumn("deadline_override", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("entries_one_per_unit", ["round_id", "unit_code"])
    .addUniqueConstraint("entries_code_once", ["round_id", "entry_code"])
    .execute();

  // Every saved/submitted state is kept; submitted ones are frozen with their hash.
  await db.schema
    .createTable("entry_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entry_id", "text", (c) => c.notNull().references("entries.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("fields_json", "text", (c) => c.notNull())
    .addColumn("representative_json", "text", (c) => c.notNull())
    .addColumn("files_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("submitted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sha256", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("entry_versions_entry_idx").on("entry_versions").columns(["entry_id", "version"]).execute();

  await db.schema
    .createTable("entry_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entry_id", "text", (c) => c.notNull().references("entries.id"))
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("blind_storage_key", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("removed_at", "text")
    .execute();
  await db.schema.createIndex("entry_files_entry_idx").on("entry_files").columns(["entry_id", "removed_at"]).execute();
  await db.schema.createIndex("entry_files_key_idx").on("entry_files").column("storage_key").execute();

  // People bound to a unit's entry team (by invite or as the unit's lead).
  await db.schema
    .createTable("entry_contributors")
    .addColumn("entry_id", "text", (c) => c.notNull().references("entries.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("via", "text", (c) => c.notNull())
    .addColumn("joined_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("entry_contributors_pk", ["entry_id", "user_id"])
    .execute();

  // Single-use upload tokens (Zalo's media picker cannot send our bearer header).
  await db.schema
    .createTable("entry_upload_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entry_id", "text", (c) => c.notNull().references("entries.id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  // One-time sign-in codes for a desktop browser, confirmed in the mini app (no passwords).
  await db.schema
    .createTable("entry_sign_in_codes")
    .addColumn("poll_hash", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("entry_sign_in_codes_code_idx").on("entry_sign_in_codes").column("code").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["entry_sign_in_codes", "entry_upload_tokens", "entry_contributors", "entry_files", "entry_versions", "entries"]) await db.schema.dropTable(t).execute();
}
