import type SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * Kysely's SQLite driver prepares every statement anew; with better-sqlite3 that parse-and-plan was
 * ~17 % of the API's CPU under the answer-save surge. The app issues a few hundred distinct SQL
 * strings, so a bounded map keyed by the SQL text reuses them. Safe because Kysely runs one query at a
 * time on its single SQLite connection (a stream holds the connection until it ends).
 */
export function withStatementCache(sqlite: SQLite.Database, maxEntries = 1000): SqliteDatabase & { cacheSize(): number } {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    cacheSize: () => cache.size,
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit) {
        // Re-insert: Map keeps insertion order, so the first key is the least recently used.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
  };
}
