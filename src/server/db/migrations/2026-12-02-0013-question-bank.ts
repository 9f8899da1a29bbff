import { type Kysely, sql } from "kysely";

/**
 * The question bank in the database: versions (draft → published → archived, one published at a
 * time), their questions (the full question as JSON plus the columns people search by), and the
 * retired question ids (never drawn again, whatever the version). Papers keep their own snapshot.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("quiz_bank_versions")
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("file_name", "text")
    .addColumn("question_count", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("published_at", "text")
    .addColumn("published_by", "text")
    .execute();
  // At most one published version, even when two organisers publish at the same moment.
  await sql`CREATE UNIQUE INDEX quiz_bank_one_published ON quiz_bank_versions (status) WHERE status = 'published'`.execute(db);
  await db.schema
    .createTable("quiz_bank_questions")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("lesson_id", "text", (c) => c.notNull())
    .addColumn("difficulty", "text", (c) => c.notNull())
    .addColumn("stem", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("quiz_bank_questions_pk", ["version", "question_id"])
    .execute();
  await db.schema.createIndex("quiz_bank_questions_by_id").on("quiz_bank_questions").columns(["question_id", "version"]).execute();
  await db.schema
    .createTable("quiz_bank_retired")
    .addColumn("question_id", "text", (c) => c.primaryKey())
    .addColumn("retired_at", "text", (c) => c.notNull())
    .addColumn("retired_by", "text")
    .addColumn("reason", "text")
    .execute();
  // Which version a paper was drawn from, so it shows that version's texts (the key is on the paper itself).
  await db.schema
    .createTable("quiz_paper_bank_versions")
    .addColumn("attempt_id", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("quiz_paper_bank_versions").execute();
  await db.schema.dropTable("quiz_bank_retired").execute();
  await db.schema.dropTable("quiz_bank_questions").execute();
  await db.schema.dropTable("quiz_bank_versions").execute();
}
