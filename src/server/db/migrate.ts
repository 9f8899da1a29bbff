import { type Kysely, type MigrationProvider, Migrator } from "kysely";
import { migrations } from "./migrations/index";

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Apply every migration not yet applied (same list on SQLite and PostgreSQL). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and typed loosely on purpose
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Features land in parallel; a migration may arrive after a later-dated one was applied.
  const { error, results } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}
