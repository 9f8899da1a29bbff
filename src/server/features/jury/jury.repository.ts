import type { Db } from "../../db/database";
import type { EntriesContractTables, JurySheetRow } from "./jury.table";

export type SubmittedEntry = {
  entryId: string;
  entryCode: string;
  unitCode: string;
  title: string;
  summary: string;
  files: { id: string; name: string; size: number; sha256: string; mime: string }[];
};

/**
 * The only place the jury reads the entries feature's tables (contract columns). When that feature
 * lands, this can call its `listSubmittedEntries(db, roundId)` instead.
 */
export async function submittedEntries(db: Db, roundId: string): Promise<SubmittedEntry[]> {
  const edb = db.withTables<EntriesContractTables>();
  const rows = await edb
    .selectFrom("entries")
    .select(["id", "entryCode", "unitCode", "title", "summary"])
    .where("roundId", "=", roundId)
    .where("status", "=", "submitted")
    .orderBy("entryCode")
    .execute()
    .catch((err: unknown) => {
      // Until the entries feature is deployed its tables do not exist: nothing has been submitted.
      if (isMissingTable(err)) return [];
      throw err;
    });
  if (!rows.length) return [];
  const files = await edb
    .selectFrom("entryFiles")
    .select(["id", "entryId", "name", "size", "sha256", "mime"])
    .where(
      "entryId",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("name")
    .execute();
  return rows.map((r) => ({
    entryId: r.id,
    entryCode: r.entryCode,
    unitCode: r.unitCode,
    title: r.title,
    summary: r.summary,
    files: files.filter((f) => f.entryId === r.id).map((f) => ({ id: f.id, name: f.name, size: Number(f.size), sha256: f.sha256, mime: f.mime })),
  }));
}

function isMissingTable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === "42P01" || /no such table: entries/.test(e?.message ?? "");
}

/** The units that qualified for a round: the latest confirmation of the stage before it. */
export async function qualifiedUnits(db: Db, roundId: "stage2" | "stage3"): Promise<string[]> {
  const row = await db
    .selectFrom("qualifierConfirmations")
    .select("unitCodes")
    .where("stageId", "=", roundId === "stage2" ? "stage1" : "stage2")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row ? (JSON.parse(row.unitCodes) as string[]) : [];
}

export function activeJudges(db: Db, roundId: string) {
  return db.selectFrom("juryJudges").selectAll().where("roundId", "=", roundId).where("revokedAt", "is", null).execute();
}

export function findAppointment(db: Db, roundId: string, userId: string) {
  return db.selectFrom("juryJudges").selectAll().where("roundId", "=", roundId).where("userId", "=", userId).executeTakeFirst();
}

export function conflictsOf(db: Db, roundId: string, judgeId?: string) {
  let q = db.selectFrom("juryConflicts").selectAll().where("roundId", "=", roundId);
  if (judgeId) q = q.where("judgeId", "=", judgeId);
  return q.orderBy("createdAt").execute();
}

export function sheetsOf(db: Db, roundId: string, judgeId?: string): Promise<JurySheetRow[]> {
  let q = db.selectFrom("jurySheets").selectAll().where("roundId", "=", roundId);
  if (judgeId) q = q.where("judgeId", "=", judgeId);
  return q.execute();
}

export function findSheet(db: Db, roundId: string, judgeId: string, entryId: string) {
  return db.selectFrom("jurySheets").selectAll().where("roundId", "=", roundId).where("judgeId", "=", judgeId).where("entryId", "=", entryId).executeTakeFirst();
}

export function findRound(db: Db, roundId: string) {
  return db.selectFrom("juryRounds").selectAll().where("roundId", "=", roundId).executeTakeFirst();
}

/** The round's state row, created on first use (both dialects: insert-or-ignore). */
export async function ensureRound(db: Db, roundId: string, now: Date) {
  await db
    .insertInto("juryRounds")
    .values({ roundId, namesRevealed: 0, revealed: 0, updatedAt: now.toISOString() })
    .onConflict((oc) => oc.column("roundId").doNothing())
    .execute();
  return (await findRound(db, roundId))!;
}

export function findSnapshot(db: Db, kind: "round1" | "official") {
  return db.selectFrom("jurySnapshots").selectAll().where("kind", "=", kind).executeTakeFirst();
}

/**
 * By name or phone. SQLite's lower() folds ASCII only ("Đặng" stays "Đặng"), so the typed text is
 * also tried as typed and with each word capitalised, as Vietnamese names are written.
 */
export async function searchPeople(db: Db, q: string) {
  const title = q.toLowerCase().replace(/(^|\s)(\S)/g, (_m, s: string, c: string) => s + c.toUpperCase());
  const likes = [...new Set([q.toLowerCase(), q, title])].map((v) => `%${v}%`);
  return db
    .selectFrom("users")
    .select(["id", "fullName", "zaloName", "unitCode", "role", "phone"])
    .where((eb) =>
      eb.or(likes.flatMap((like) => [eb(eb.fn("lower", ["fullName"]), "like", like), eb(eb.fn("lower", ["zaloName"]), "like", like), eb("fullName", "like", like), eb("phone", "like", like)])),
    )
    .orderBy("fullName")
    .limit(20)
    .execute();
}

export async function usersByIds(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.selectFrom("users").select(["id", "fullName", "zaloName", "unitCode", "role"]).where("id", "in", [...ids]).execute();
}

export const displayName = (u: { fullName: string | null; zaloName: string | null } | undefined) => u?.fullName ?? u?.zaloName ?? "(chưa có tên)";
