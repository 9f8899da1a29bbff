import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from "kysely";
import type { Database } from "./schema";
import { preparedQueries } from "./pg-prepared";
import { withStatementCache } from "./sqlite-statement-cache";
import { WalSync } from "./wal-sync";
import { postgresDriver } from "../shared/heavy-libs";

export type Dialect = "sqlite" | "postgres";
export type Db = Kysely<Database>;
/**
 * `durable()` resolves once every commit made before the call is on disk: what to await before
 * acknowledging a write. PostgreSQL's commits are durable when they return; SQLite's after a WAL
 * flush off the API's thread (wal-sync.ts, ADR 0009).
 */
export type DbHandle = { db: Db; dialect: Dialect; durable: () => Promise<void> };
const alreadyDurable = () => Promise.resolve();

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

export function sqlitePath(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, "");
}

export function createDb(url: string): DbHandle {
  const plugins = [new CamelCasePlugin()];
  if (dialectOf(url) === "postgres") {
    const pool = new (postgresDriver().Pool)({ connectionString: url, max: 20 });
    // An idle connection dropped by the server (restart, failover, admin terminate) must not crash
    // the process; the pool replaces it on the next query.
    pool.on("error", (err) => console.warn(`PostgreSQL idle connection lost: ${err.message}`));
    // A connection lost while checked out (server restart, failover, terminated backend) emits
    // 'error' on its client; unhandled, that kills every replica at once. The query in flight
    // still fails and its request gets a 5xx; the pool drops the client.
    pool.on("connect", (client) => {
      client.on("error", (err) => console.warn(`PostgreSQL connection lost while in use: ${err.message}`));
      preparedQueries(client);
    });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins }), dialect: "postgres", durable: alreadyDurable };
  }
  const file = sqlitePath(url);
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  if (file === ":memory:") return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins }), dialect: "sqlite", durable: alreadyDurable };
  // NORMAL: a commit is in the WAL (a crashed process loses nothing) but not yet fsynced; what is
  // acknowledged waits for WalSync's flush, made off the API's thread — answers survive a host crash.
  sqlite.pragma("synchronous = NORMAL");
  const wal = new WalSync(`${resolve(file)}-wal`);
  const cached = withStatementCache(sqlite, 1000, () => wal.committed());
  const database = { ...cached, close: () => (wal.close(), cached.close()) };
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }), plugins }), dialect: "sqlite", durable: () => wal.durable() };
}
