import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { Dialect } from "../db/database";

/** Every API suite runs once per dialect: `describe.each(DIALECTS)(...)`. */
export const DIALECTS: Dialect[] = ["sqlite", "postgres"];

/**
 * The PostgreSQL used by tests (trust auth). Under vitest, postgres-global-setup.ts chose it (a local
 * server or an embedded one) and setup-node-tests.ts put it here; benchmarks read the variable too.
 */
export function testPostgresAdminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
}

export type TestDatabase = { url: string; drop(): Promise<void> };

/** A fresh, empty database: a temp SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "hvai-"));
    return { url: path.join(dir, "test.sqlite"), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `hvai_${randomBytes(6).toString("hex")}`;
  const adminUrl = testPostgresAdminUrl();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
