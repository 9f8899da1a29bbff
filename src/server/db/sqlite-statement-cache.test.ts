import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "./sqlite-statement-cache";

describe("withStatementCache", () => {
  it("prepares each distinct SQL once and keeps results right across reuse, streams and transactions", async () => {
    const raw = new SQLite(":memory:");
    let prepared = 0;
    const realPrepare = raw.prepare.bind(raw);
    raw.prepare = ((text: string) => {
      prepared += 1;
      return realPrepare(text);
    }) as typeof raw.prepare;
    const database = withStatementCache(raw, 3);
    const db = new Kysely<{ t: { id: number; v: string } }>({ dialect: new SqliteDialect({ database }) });
    await sql`create table t (id integer primary key, v text)`.execute(db);
    for (let i = 0; i < 50; i++) await db.insertInto("t").values({ id: i, v: `v${i}` }).execute();
    const rows = await db.selectFrom("t").select(["id", "v"]).where("id", "<", 5).orderBy("id").execute();
    expect(rows.map((r) => r.v)).toEqual(["v0", "v1", "v2", "v3", "v4"]);
    const preparedBefore = prepared;
    for (let i = 0; i < 20; i++) {
      const one = await db.selectFrom("t").select("v").where("id", "=", i).executeTakeFirstOrThrow();
      expect(one.v).toBe(`v${i}`);
    }
    expect(prepared - preparedBefore).toBe(1);
    const streamed: number[] = [];
    for await (const r of db.selectFrom("t").select("id").where("id", ">=", 45).orderBy("id").stream()) streamed.push(r.id);
    expect(streamed).toEqual([45, 46, 47, 48, 49]);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("t").set({ v: "x" }).where("id", "=", 1).execute();
    });
    expect((await db.selectFrom("t").select("v").where("id", "=", 1).executeTakeFirstOrThrow()).v).toBe("x");
    // Bounded: never more than maxEntries statements held.
    expect(database.cacheSize()).toBeLessThanOrEqual(3);
    await db.destroy();
  });
});
