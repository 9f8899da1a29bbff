import type { Kysely } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Demo-only state (AUTH_DEV): the contest clock's offset, whether the synthetic city was seeded,
// and which accounts the demo sign-in made (so the same name and role find the same account).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("demo_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("demo_accounts")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("sign_in_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("demo_accounts").execute();
  await db.schema.dropTable("demo_settings").execute();
}
