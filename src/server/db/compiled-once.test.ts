import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../test/dialects";
import { compiledOnce } from "./compiled-once";
import { createDb, type DbHandle } from "./database";

describe.each(DIALECTS)("a query compiled once on %s", (dialect) => {
  let database: TestDatabase;
  let handle: DbHandle;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    handle = createDb(database.url);
    await sql`create table co_rows (id text primary key, user_name text not null, n integer not null)`.execute(handle.db);
    await sql`insert into co_rows (id, user_name, n) values ('a', 'An', 1), ('b', 'Bình', 2), ('c', 'Chi', 2)`.execute(handle.db);
  });
  afterAll(async () => {
    await handle.db.destroy();
    await database.drop();
  });

  let builds = 0;
  const byIdAndN = compiledOnce(["id", "n"], (db, v) => {
    builds++;
    return db
      .selectFrom(sql<{ id: string; user_name: string; n: number }>`co_rows`.as("r"))
      .select("r.user_name")
      .where((eb) => eb.or([eb("r.id", "=", v("id")), eb.and([eb("r.n", "=", v("n")), eb("r.id", "<>", v("id"))])]))
      .orderBy("r.id");
  });

  it("runs with each call's values, a value used twice filled in both places, rows through the plugins (camelCase)", async () => {
    const before = builds;
    expect((await byIdAndN(handle.db, { id: "a", n: 2 })).rows).toEqual([{ userName: "An" }, { userName: "Bình" }, { userName: "Chi" }]);
    expect((await byIdAndN(handle.db, { id: "b", n: 1 })).rows).toEqual([{ userName: "An" }, { userName: "Bình" }]);
    expect((await byIdAndN(handle.db, { id: "zz", n: 9 })).rows).toEqual([]);
    // Built at most once for this database handle, and inside a transaction from the same cache.
    await handle.db.transaction().execute(async (trx) => expect((await byIdAndN(trx, { id: "c", n: 0 })).rows).toEqual([{ userName: "Chi" }]));
    expect(builds - before).toBeLessThanOrEqual(1);
  });

  it("refuses a query where a value did not become a parameter", async () => {
    const inlined = compiledOnce(["id"], (db, v) => db.selectFrom(sql`co_rows`.as("r")).select(sql.lit(v("id")).as("x")));
    await expect(inlined(handle.db, { id: "a" })).rejects.toThrow(/must be sent as a parameter/);
  });
});
