import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../shared/app-error";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../test/dialects";
import { createDb, type DbHandle } from "./database";
import { createGroupCommitCache, type GroupCommitter, groupCommitterOf } from "./group-commit";

describe.each(DIALECTS)("group commit on %s", (dialect) => {
  let database: TestDatabase;
  let writer: DbHandle;
  /** Another connection: it sees only what is committed. */
  let reader: DbHandle;
  let committer: GroupCommitter;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    writer = createDb(database.url);
    reader = createDb(database.url);
    await sql`create table gc_rows (id text primary key)`.execute(writer.db);
    committer = groupCommitterOf({ ...writer, env: { QUIZ_GROUP_COMMIT: true }, caches: { groupCommit: createGroupCommitCache() } })!;
  });
  afterAll(async () => {
    await reader.db.destroy();
    await writer.db.destroy();
    await database.drop();
  });
  const committed = async () => (await sql<{ id: string }>`select id from gc_rows order by id`.execute(reader.db)).rows.map((r) => r.id);
  const insert = (id: string) => committer.run(async (trx) => void (await sql`insert into gc_rows (id) values (${id})`.execute(trx)));

  it("answers an operation only after the commit of its whole batch is done", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let firstAnswered = false;
    const first = insert("a").then(() => void (firstAnswered = true));
    const second = committer.run(async (trx) => {
      await gate;
      await sql`insert into gc_rows (id) values ('b')`.execute(trx);
    });
    await new Promise((r) => setTimeout(r, 150));
    // The first write is done inside the open transaction, but neither answered nor visible.
    expect(firstAnswered).toBe(false);
    expect(await committed()).toEqual([]);
    open();
    await Promise.all([first, second]);
    expect(await committed()).toEqual(["a", "b"]);
  });

  it("fails only the operation at fault: a refused check alone, a database error after the batch is rerun one by one", async () => {
    const before = committer.commits;
    const results = await Promise.allSettled([
      insert("c"),
      insert("a"), // already there: a primary-key violation aborts the shared transaction
      committer.run(async () => {
        throw new AppError(409, "ATTEMPT_CLOSED", "refused before writing");
      }),
      insert("d"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    expect((results[1] as PromiseRejectedResult).reason).not.toBeInstanceOf(AppError);
    expect(await committed()).toEqual(["a", "b", "c", "d"]);
    expect(committer.commits - before).toBeGreaterThanOrEqual(2);
  });

  it("shares commits: a burst of operations takes far fewer commits than operations", async () => {
    const before = committer.commits;
    await Promise.all(Array.from({ length: 200 }, (_, i) => insert(`burst-${String(i).padStart(3, "0")}`)));
    expect((await committed()).filter((id) => id.startsWith("burst-"))).toHaveLength(200);
    expect(committer.commits - before).toBeLessThanOrEqual(10);
  });
});
