import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/dialects";
import { createDb, type DbHandle } from "./database";

/** PostgreSQL: statements are prepared once per connection (pg-prepared.ts), and survive a schema change. */
describe("named statements on postgres", () => {
  let database: TestDatabase;
  let h: DbHandle;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    h = createDb(database.url);
    await sql`create table notes (id int primary key, body text)`.execute(h.db);
    await sql`insert into notes values (1, 'một'), (2, 'hai')`.execute(h.db);
  });
  afterAll(async () => {
    await h.db.destroy();
    await database.drop();
  });

  it("prepares a statement once on a connection and runs it by name afterwards", async () => {
    await h.db.connection().execute(async (conn) => {
      for (const id of [1, 2, 1]) expect((await conn.selectFrom("notes" as never).selectAll().where("id" as never, "=", id as never).execute()).length).toBe(1);
      const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements where statement like '%from "notes"%' and statement not like '%pg_prepared_statements%'`.execute(conn);
      expect(prepared.rows).toHaveLength(1);
    });
  });

  it("still answers a prepared select * after a column is added, outside and inside a transaction", async () => {
    const all = (q: typeof h.db) => q.selectFrom("notes" as never).selectAll().orderBy("id" as never).execute();
    await h.db.connection().execute(async (conn) => {
      expect(await all(conn)).toHaveLength(2);
      await sql`alter table notes add column extra text`.execute(conn);
      // Outside a transaction: retried under a new name at once.
      expect((await all(conn))[0]).toMatchObject({ id: 1, body: "một", extra: null });
      await sql`alter table notes add column more text`.execute(conn);
      // Inside one, that transaction fails once; the next one is prepared anew.
      await expect(conn.transaction().execute((trx) => all(trx))).rejects.toThrow(/cached plan/);
      expect((await conn.transaction().execute((trx) => all(trx)))[1]).toMatchObject({ id: 2, body: "hai", more: null });
    });
  });
});
