import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../db/database";

/**
 * TEST ONLY. The entries feature (Stage-2/3 submissions) owns the `entries` and `entry_files`
 * tables and their migration; until it is merged, jury tests create them here with the contract's
 * columns. Never a migration, never called by the server.
 */
export async function createEntriesContractTables(db: Db): Promise<void> {
  await db.schema
    .createTable("entries")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull())
    .addColumn("unit_code", "text", (c) => c.notNull())
    .addColumn("entry_code", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("representative", "text")
    .execute();
  await db.schema
    .createTable("entry_files")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entry_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .execute();
}

export type FixtureEntry = { entryId: string; entryCode: string; unitCode: string; title: string };

/** One submitted entry per unit (with a blind PDF file), as the entries feature would record it. */
export async function insertSubmittedEntries(db: Db, roundId: "stage2" | "stage3", unitCodes: readonly string[]): Promise<FixtureEntry[]> {
  const out: FixtureEntry[] = [];
  for (const [i, unitCode] of unitCodes.entries()) {
    const entryId = randomUUID();
    const entryCode = `${roundId === "stage2" ? "B" : "C"}${String(i + 1).padStart(2, "0")}`;
    const title = `Trợ lý AI số ${i + 1} cho một thủ tục hành chính`;
    await sql`INSERT INTO entries (id, round_id, unit_code, entry_code, status, title, summary, representative)
      VALUES (${entryId}, ${roundId}, ${unitCode}, ${entryCode}, 'submitted', ${title}, ${`Tóm tắt sản phẩm ${i + 1}: rút ngắn thời gian xử lý hồ sơ.`}, ${`Người đại diện ${unitCode}`})`.execute(db);
    await sql`INSERT INTO entry_files (id, entry_id, name, size, sha256, mime) VALUES (${randomUUID()}, ${entryId}, ${`ban-an-danh-${entryCode}.pdf`}, 1234, ${"0".repeat(64)}, 'application/pdf')`.execute(db);
    out.push({ entryId, entryCode, unitCode, title });
  }
  // A draft and a withdrawn entry never reach the jury.
  await sql`INSERT INTO entries (id, round_id, unit_code, entry_code, status, title, summary) VALUES (${randomUUID()}, ${roundId}, 'X-DRAFT', 'Z98', 'draft', 'Nháp', 'Nháp')`.execute(db);
  await sql`INSERT INTO entries (id, round_id, unit_code, entry_code, status, title, summary) VALUES (${randomUUID()}, ${roundId}, 'X-WD', 'Z99', 'withdrawn', 'Rút', 'Rút')`.execute(db);
  return out;
}

/** The Stage-1 decision the jury builds on (written by the units feature in the real flow). */
export async function confirmStage1Qualifiers(db: Db, unitCodes: readonly string[], organizerId: string, now: Date): Promise<void> {
  await db
    .insertInto("qualifierConfirmations")
    .values({ id: "stage1-0001", stageId: "stage1", unitCodes: JSON.stringify(unitCodes), proposed: JSON.stringify({ communes: unitCodes, departments: [] }), changed: 0, reason: null, confirmedBy: organizerId, confirmedAt: now.toISOString() })
    .execute();
}
