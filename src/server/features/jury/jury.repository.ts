import type { Db } from "../../db/database";
import type { EntryRound } from "../../../domain/entries/entries.config";
import type { JuryRound } from "../../../domain/jury/jury.schema";
import { listSubmittedEntries, type SubmittedEntry } from "../entries";
import { confirmedUnitCodes } from "../stages";
import type { JurySheetRow } from "./jury.table";

export type { SubmittedEntry } from "../entries";

/** The only place the jury reads entries: the entries feature's own read of submitted, frozen versions. */
export function submittedEntries(db: Db, roundId: string): Promise<SubmittedEntry[]> {
  return listSubmittedEntries(db, roundId);
}

/**
 * The units that qualified for a round: the latest qualifier confirmation of the stage that feeds it,
 * as the pack's round says (`eligible.fromStage`), read through the stages feature.
 */
export function qualifiedUnits(db: Db, rounds: readonly Pick<EntryRound, "id" | "eligible">[], roundId: JuryRound): Promise<string[]> {
  return confirmedUnitCodes(db, rounds.find((r) => r.id === roundId)?.eligible.fromStage);
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
