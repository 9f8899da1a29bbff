import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./database";
import { withStatementCache } from "./sqlite-statement-cache";
import { WalSync } from "./wal-sync";

const dir = mkdtempSync(join(tmpdir(), "wal-sync-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Kysely on a WAL file wired as createDb wires it, with the WalSync in reach. */
function open(name: string) {
  const file = join(dir, name);
  const raw = new SQLite(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  const wal = new WalSync(`${file}-wal`);
  const db = new Kysely<{ t: { id: number; v: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(raw, 100, () => wal.committed()) }) });
  return { db, wal };
}

describe("WalSync (SQLite durability off the API's thread)", () => {
  it("runs SQLite files in WAL with synchronous=NORMAL (the flush is WalSync's)", async () => {
    const { db } = createDb(`sqlite:${join(dir, "app.db")}`);
    const value = async (pragma: string) => Object.values((await sql.raw<Record<string, unknown>>(`pragma ${pragma}`).execute(db)).rows[0] ?? {})[0];
    expect(await value("journal_mode")).toBe("wal");
    expect(await value("synchronous")).toBe(1);
    await db.destroy();
  });

  it("flushes only for commits, once for everyone waiting, and never lets an older flush cover a newer commit", async () => {
    const { db, wal } = open("a.db");
    await sql`create table t (id integer primary key, v text)`.execute(db);
    const afterDdl = wal.flushes;
    await wal.durable();
    expect(wal.flushes).toBe(afterDdl + 1);
    // Nothing committed since: no flush.
    await db.selectFrom("t").selectAll().execute();
    await wal.durable();
    expect(wal.flushes).toBe(afterDdl + 1);

    // A transaction is one commit; three callers after it share one flush.
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("t").values({ id: 1, v: "a" }).execute();
      await trx.insertInto("t").values({ id: 2, v: "b" }).execute();
    });
    await Promise.all([wal.durable(), wal.durable(), wal.durable()]);
    expect(wal.flushes).toBe(afterDdl + 2);

    // A commit made while a flush is running waits for the next flush, not the running one.
    await db.insertInto("t").values({ id: 3, v: "c" }).execute();
    let firstDone = false;
    const first = wal.durable().then(() => (firstDone = true));
    await db.insertInto("t").values({ id: 4, v: "d" }).execute();
    let secondDone = false;
    const second = wal.durable().then(() => (secondDone = true));
    expect(firstDone).toBe(false);
    await first;
    expect(secondDone).toBe(false);
    await second;
    expect(wal.flushes).toBe(afterDdl + 4);
    await db.destroy();
    wal.close();
  });

  it("fails the callers when the WAL cannot be flushed, and tries again on the next call", async () => {
    const wal = new WalSync(join(dir, "missing.db-wal"));
    wal.committed();
    await expect(wal.durable()).rejects.toMatchObject({ code: "ENOENT" });
    await expect(wal.durable()).rejects.toMatchObject({ code: "ENOENT" });
  });
});
