import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";
import { withStatementCache } from "./sqlite-statement-cache";

export type Dialect = "sqlite" | "postgres";
export type Db = Kysely<Database>;
export type DbHandle = { db: Db; dialect: Dialect };

// COUNT(*) and SUM() come back from node-postgres as strings (int8/numeric); the app's numbers fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

export function sqlitePath(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, "");
}

export function createDb(url: string): DbHandle {
  const plugins = [new CamelCasePlugin()];
  if (dialectOf(url) === "postgres") {
    const pool = new pg.Pool({ connectionString: url, max: 20 });
    // An idle connection dropped by the server (restart, failover, admin terminate) must not crash
    // the process; the pool replaces it on the next query.
    pool.on("error", (err) => console.warn(`PostgreSQL idle connection lost: ${err.message}`));
    // A connection lost while checked out (server restart, failover, terminated backend) emits
    // 'error' on its client; unhandled, that kills every replica at once. The query in flight
    // still fails and its request gets a 5xx; the pool drops the client.
    pool.on("connect", (client) => {
      client.on("error", (err) => console.warn(`PostgreSQL connection lost while in use: ${err.message}`));
    });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins }), dialect: "postgres" };
  }
  const file = sqlitePath(url);
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL: a commit is on disk (WAL fsynced) before we acknowledge it — answers survive a host crash.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins }), dialect: "sqlite" };
}
