import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.

/**
 * 0007 moved PostgreSQL's `real` columns (≈7 significant digits) to `double precision`, but
 * jury_sheets.total (0009) was made after it on a fresh database and stayed `real`: a sheet total
 * such as 87.123456789 came back as 87.12346. SQLite's REAL is already 8 bytes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`ALTER TABLE jury_sheets ALTER COLUMN total TYPE double precision`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`ALTER TABLE jury_sheets ALTER COLUMN total TYPE real`.execute(db);
}
