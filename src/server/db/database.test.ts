import pg from "pg";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testPostgresAdminUrl, type TestDatabase } from "../test/dialects";
import { createDb, type DbHandle } from "./database";

describe("a PostgreSQL connection lost while in use", () => {
  let database: TestDatabase;
  let handle: DbHandle;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    handle = createDb(database.url);
  });
  afterAll(async () => {
    await handle.db.destroy().catch(() => undefined);
    await database.drop();
  });

  it("fails the query in flight but does not crash the process, and the next query works", async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (msg: string) => void warnings.push(String(msg));
    try {
      const slow = handle.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        const admin = new pg.Client({ connectionString: testPostgresAdminUrl() });
        await admin.connect();
        // Terminate this very backend while its transaction is open (as a failover would).
        setTimeout(() => void admin.query("select pg_terminate_backend($1)", [rows[0]!.pid]).finally(() => admin.end()), 100);
        await sql`select pg_sleep(5)`.execute(trx);
      });
      await expect(slow).rejects.toThrow();
      // Without an 'error' listener on checked-out clients, Node throws the client's error event
      // as an uncaught exception here (and vitest reports it); with it, life goes on.
      await new Promise((r) => setTimeout(r, 200));
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      expect(rows[0]!.one).toBe(1);
      expect(warnings.some((w) => w.includes("PostgreSQL connection lost while in use"))).toBe(true);
    } finally {
      console.warn = warn;
    }
  });
});
