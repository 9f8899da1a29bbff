import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * Item analysis over 100 000 attempts must answer in seconds: a trigger keeps, per (scope, question,
 * chosen option, right or not, the attempt's total), how many finished attempts fall there, so the
 * report reads a few tens of thousands of rows instead of joining three million. An attempt counts
 * when its status becomes submitted/expired and stops counting if it ever leaves those (a voided one).
 */
const FINISHED = "('submitted', 'expired')";

const tallyInsert = (row: "NEW" | "OLD", sign: "1" | "-1") => `
  INSERT INTO quiz_item_tally (scope, question_id, option_id, is_key, total, count)
  SELECT s.scope, q.question_id, coalesce(ans.option_id, ''),
         CASE WHEN ans.option_id = q.correct_option_id THEN 1 ELSE 0 END,
         coalesce(${row}.correct_count, 0), ${sign}
  FROM quiz_attempt_questions q
  LEFT JOIN quiz_answers ans ON ans.attempt_id = q.attempt_id AND ans.question_id = q.question_id
  JOIN (SELECT 'all' AS scope UNION ALL SELECT 'first' AS scope) s ON (s.scope = 'all' OR ${row}.attempt_no = 1)
  WHERE q.attempt_id = ${row}.id
  ON CONFLICT (scope, question_id, option_id, is_key, total) DO UPDATE SET count = quiz_item_tally.count + excluded.count`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("quiz_item_tally")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("option_id", "text", (c) => c.notNull())
    .addColumn("is_key", "integer", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("quiz_item_tally_pk", ["scope", "question_id", "option_id", "is_key", "total"])
    .execute();

  const becameFinished = `NEW.status IN ${FINISHED} AND OLD.status NOT IN ${FINISHED}`;
  const leftFinished = `OLD.status IN ${FINISHED} AND NEW.status NOT IN ${FINISHED}`;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql
      .raw(
        `CREATE FUNCTION quiz_item_tally_apply() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF ${becameFinished} THEN ${tallyInsert("NEW", "1")}; END IF;
          IF ${leftFinished} THEN ${tallyInsert("OLD", "-1")}; END IF;
          RETURN NULL;
        END $$`,
      )
      .execute(db);
    await sql`CREATE TRIGGER quiz_item_tally_upd AFTER UPDATE OF status ON quiz_attempts FOR EACH ROW EXECUTE FUNCTION quiz_item_tally_apply()`.execute(db);
  } else {
    await sql.raw(`CREATE TRIGGER quiz_item_tally_finish AFTER UPDATE OF status ON quiz_attempts WHEN ${becameFinished} BEGIN ${tallyInsert("NEW", "1")}; END`).execute(db);
    await sql.raw(`CREATE TRIGGER quiz_item_tally_unfinish AFTER UPDATE OF status ON quiz_attempts WHEN ${leftFinished} BEGIN ${tallyInsert("OLD", "-1")}; END`).execute(db);
  }

  // Attempts finished before this migration.
  await sql
    .raw(
      `INSERT INTO quiz_item_tally (scope, question_id, option_id, is_key, total, count)
       SELECT s.scope, q.question_id, coalesce(ans.option_id, ''), CASE WHEN ans.option_id = q.correct_option_id THEN 1 ELSE 0 END, coalesce(a.correct_count, 0), count(*)
       FROM quiz_attempts a
       JOIN quiz_attempt_questions q ON q.attempt_id = a.id
       LEFT JOIN quiz_answers ans ON ans.attempt_id = q.attempt_id AND ans.question_id = q.question_id
       JOIN (SELECT 'all' AS scope UNION ALL SELECT 'first' AS scope) s ON (s.scope = 'all' OR a.attempt_no = 1)
       WHERE a.status IN ${FINISHED}
       GROUP BY s.scope, q.question_id, coalesce(ans.option_id, ''), CASE WHEN ans.option_id = q.correct_option_id THEN 1 ELSE 0 END, coalesce(a.correct_count, 0)`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`DROP TRIGGER IF EXISTS quiz_item_tally_upd ON quiz_attempts`.execute(db);
    await sql`DROP FUNCTION IF EXISTS quiz_item_tally_apply()`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS quiz_item_tally_finish`.execute(db);
    await sql`DROP TRIGGER IF EXISTS quiz_item_tally_unfinish`.execute(db);
  }
  await db.schema.dropTable("quiz_item_tally").execute();
}
