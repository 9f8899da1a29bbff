import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.

/**
 * PostgreSQL: the item-analysis tally trigger (0011) upserted an attempt's rows in whatever order
 * the plan gave, roughly its paper's order. Attempts closing at once (the deadline, three
 * replicas' sweepers) meet on the same tally rows, and two of them taking shared rows in opposite
 * orders deadlocked: a submit failed with a 500, a sweep pass was lost. Taking the rows in the
 * order of the tally's key makes every close lock them in one order, so they queue instead.
 * SQLite has one writer at a time and keeps its triggers.
 */
const FINISHED = "('submitted', 'expired')";

const tallyInsert = (row: "NEW" | "OLD", sign: "1" | "-1") => `
  INSERT INTO quiz_item_tally (scope, question_id, option_id, is_key, total, count)
  SELECT s.scope, q.question_id, coalesce(ans.option_id, '') AS option_id,
         CASE WHEN ans.option_id = q.correct_option_id THEN 1 ELSE 0 END AS is_key,
         coalesce(${row}.correct_count, 0), ${sign}
  FROM quiz_attempt_questions q
  LEFT JOIN quiz_answers ans ON ans.attempt_id = q.attempt_id AND ans.question_id = q.question_id
  JOIN (SELECT 'all' AS scope UNION ALL SELECT 'first' AS scope) s ON (s.scope = 'all' OR ${row}.attempt_no = 1)
  WHERE q.attempt_id = ${row}.id
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (scope, question_id, option_id, is_key, total) DO UPDATE SET count = quiz_item_tally.count + excluded.count`;

const apply = (tally: (row: "NEW" | "OLD", sign: "1" | "-1") => string) => `
  CREATE OR REPLACE FUNCTION quiz_item_tally_apply() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.status IN ${FINISHED} AND OLD.status NOT IN ${FINISHED} THEN ${tally("NEW", "1")}; END IF;
    IF OLD.status IN ${FINISHED} AND NEW.status NOT IN ${FINISHED} THEN ${tally("OLD", "-1")}; END IF;
    RETURN NULL;
  END $$`;

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql.raw(apply(tallyInsert)).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // 0011's function: the same statement without the ORDER BY.
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql.raw(apply((row, sign) => tallyInsert(row, sign).replace("ORDER BY 1, 2, 3, 4\n", ""))).execute(db);
}
