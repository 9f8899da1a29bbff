import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("units")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("board", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("full_name", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("zalo_id", "text", (c) => c.unique())
    .addColumn("zalo_name", "text")
    .addColumn("full_name", "text")
    .addColumn("phone", "text")
    .addColumn("phone_verified_at", "text")
    .addColumn("role", "text", (c) => c.notNull().defaultTo("staff"))
    .addColumn("unit_code", "text", (c) => c.references("units.code"))
    .addColumn("sub_unit", "text")
    .addColumn("position", "text")
    .addColumn("notifications_consent", "integer")
    .addColumn("last_active_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_unit_code_idx").on("users").column("unit_code").execute();
  await db.schema.createIndex("users_phone_idx").on("users").column("phone").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("users").execute();
  await db.schema.dropTable("units").execute();
}
