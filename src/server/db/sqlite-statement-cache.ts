import type SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * Kysely's SQLite driver prepares every statement anew; with better-sqlite3 that parse-and-plan was
 * ~17 % of the API's CPU under the answer-save surge. The app issues a few hundred distinct SQL
 * strings, so a bounded map keyed by the SQL text reuses them. Safe because Kysely runs one query at a
 * time on its single SQLite connection (a stream holds the connection until it ends).
 *
 * `onCommit` is told of every commit once its frames are in the WAL: a COMMIT, or a write run
 * outside a transaction (autocommit). wal-sync.ts counts them to know what a flush covers.
 */
export function withStatementCache(sqlite: SQLite.Database, maxEntries = 1000, onCommit: () => void = () => undefined): SqliteDatabase & { cacheSize(): number } {
  const cache = new Map<string, SqliteStatement>();
  const track = (sql: string, stmt: SQLite.Statement): SqliteStatement => {
    // BEGIN/COMMIT count as read-only for SQLite; a COMMIT that ends a transaction is the commit.
    const commits = /^\s*(commit|end)\b/i.test(sql);
    if (!commits && stmt.readonly) return stmt as unknown as SqliteStatement;
    const after = <T>(result: T): T => {
      if (!sqlite.inTransaction) onCommit();
      return result;
    };
    return {
      reader: stmt.reader,
      all: (parameters: ReadonlyArray<unknown>) => after(stmt.all(parameters)),
      run: (parameters: ReadonlyArray<unknown>) => after(stmt.run(parameters)),
      // A writing statement read as a stream is counted when the stream ends (Kysely uses streams for reads only).
      iterate: (parameters: ReadonlyArray<unknown>) => stmt.iterate(parameters),
    } as SqliteStatement;
  };
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
      const stmt = track(sql, sqlite.prepare(sql));
      cache.set(sql, stmt);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
  };
}
