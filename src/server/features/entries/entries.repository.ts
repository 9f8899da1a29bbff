import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type EntryDraft, EntryDraftSchema, emptyDraft } from "../../../domain/entries/entries.schema";
import type { Db } from "../../db/database";
import type { Database } from "../../db/schema";
import { confirmedUnitCodes } from "../stages";
import type { EntryFileRow, EntryRow } from "./entries.table";

type AnyDb = Kysely<Database>;

/** Units eligible for a round: the latest qualifier confirmation of `fromStage` (owned by stages). */
export function eligibleUnitCodes(db: AnyDb, fromStage: string): Promise<string[]> {
  return confirmedUnitCodes(db, fromStage);
}

export const parseDraft = (json: string): EntryDraft => {
  const r = EntryDraftSchema.safeParse(JSON.parse(json));
  return r.success ? r.data : emptyDraft();
};

export const findEntry = (db: AnyDb, roundId: string, unitCode: string) =>
  db.selectFrom("entries").selectAll().where("roundId", "=", roundId).where("unitCode", "=", unitCode).executeTakeFirst();

export const findEntryById = (db: AnyDb, id: string) => db.selectFrom("entries").selectAll().where("id", "=", id).executeTakeFirst();

export const entriesOfRound = (db: AnyDb, roundId: string) => db.selectFrom("entries").selectAll().where("roundId", "=", roundId).execute();

/** The unit's entry row, created on first need; the UNIQUE(round, unit) key settles a race. */
export async function ensureEntry(db: AnyDb, roundId: string, unitCode: string, now: Date): Promise<EntryRow> {
  const existing = await findEntry(db, roundId, unitCode);
  if (existing) return existing;
  const at = now.toISOString();
  await db
    .insertInto("entries")
    .values({ id: randomUUID(), roundId, unitCode, entryCode: null, status: "draft", version: 0, draftJson: JSON.stringify(emptyDraft()), updatedBy: null, submittedVersionId: null, submittedAt: null, deadlineOverride: null, createdAt: at, updatedAt: at })
    .onConflict((oc) => oc.columns(["roundId", "unitCode"]).doNothing())
    .execute();
  return (await findEntry(db, roundId, unitCode)) as EntryRow;
}

export async function addContributor(db: AnyDb, entryId: string, userId: string, via: "invite" | "lead", now: Date): Promise<void> {
  await db
    .insertInto("entryContributors")
    .values({ entryId, userId, via, joinedAt: now.toISOString() })
    .onConflict((oc) => oc.columns(["entryId", "userId"]).doNothing())
    .execute();
}

export async function isContributor(db: AnyDb, entryId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom("entryContributors").select("userId").where("entryId", "=", entryId).where("userId", "=", userId).executeTakeFirst();
  return row !== undefined;
}

export async function contributorsOf(db: AnyDb, entryIds: readonly string[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom("entryContributors as c")
    .innerJoin("users as u", "u.id", "c.userId")
    .select(["c.entryId", "c.userId", "u.fullName", "u.zaloName", "c.joinedAt"])
    .where("c.entryId", "in", entryIds)
    .orderBy("c.joinedAt")
    .execute();
}

/** Save a draft only if nobody saved since `baseVersion`; returns the new version or null when stale. */
export async function saveDraftIfCurrent(db: AnyDb, entryId: string, baseVersion: number, draft: EntryDraft, userId: string, now: Date): Promise<number | null> {
  const at = now.toISOString();
  const res = await db
    .updateTable("entries")
    .set({ draftJson: JSON.stringify(draft), version: baseVersion + 1, updatedBy: userId, updatedAt: at })
    .where("id", "=", entryId)
    .where("version", "=", baseVersion)
    .where("status", "!=", "submitted")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return null;
  await db
    .insertInto("entryVersions")
    .values({ id: randomUUID(), entryId, version: baseVersion + 1, fieldsJson: JSON.stringify(draft.fields), representativeJson: JSON.stringify({ ...draft.representative, videoUrl: draft.videoUrl }), filesJson: "[]", submitted: 0, sha256: null, createdBy: userId, createdAt: at })
    .execute();
  return baseVersion + 1;
}

export const activeFiles = (db: AnyDb, entryId: string): Promise<EntryFileRow[]> =>
  db.selectFrom("entryFiles").selectAll().where("entryId", "=", entryId).where("removedAt", "is", null).orderBy("createdAt").orderBy("id").execute();

export async function activeFileStats(db: AnyDb, entryIds: readonly string[]): Promise<Map<string, number>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("entryFiles")
    .select(["entryId", (eb) => eb.fn.countAll<number>().as("n")])
    .where("entryId", "in", entryIds)
    .where("removedAt", "is", null)
    .groupBy("entryId")
    .execute();
  return new Map(rows.map((r) => [r.entryId, Number(r.n)]));
}

export const insertFile = (db: AnyDb, row: Omit<EntryFileRow, "blindStorageKey" | "removedAt">) =>
  db.insertInto("entryFiles").values({ ...row, blindStorageKey: null, removedAt: null }).execute();

export async function removeFile(db: AnyDb, entryId: string, fileId: string, now: Date): Promise<boolean> {
  const res = await db.updateTable("entryFiles").set({ removedAt: now.toISOString() }).where("id", "=", fileId).where("entryId", "=", entryId).where("removedAt", "is", null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function touchEntry(db: AnyDb, entryId: string, userId: string, now: Date): Promise<void> {
  await db.updateTable("entries").set({ updatedAt: now.toISOString(), updatedBy: userId }).where("id", "=", entryId).execute();
}

/** Give the entry its code (first submit only); a concurrent submit taking the same number retries with the next. */
export async function assignEntryCode(db: AnyDb, entry: EntryRow, codeOf: (n: number) => string, isUnique: (e: unknown) => boolean): Promise<string> {
  if (entry.entryCode) return entry.entryCode;
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = await db
      .selectFrom("entries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("roundId", "=", entry.roundId)
      .where("entryCode", "is not", null)
      .executeTakeFirstOrThrow();
    const code = codeOf(Number(row.n) + 1 + attempt);
    try {
      await db.updateTable("entries").set({ entryCode: code }).where("id", "=", entry.id).where("entryCode", "is", null).execute();
      const after = await findEntryById(db, entry.id);
      if (after?.entryCode) return after.entryCode;
    } catch (err) {
      if (!isUnique(err)) throw err;
    }
  }
  throw new Error("Could not assign an entry code");
}

export async function latestSubmittedVersion(db: AnyDb, entry: EntryRow) {
  if (!entry.submittedVersionId) return undefined;
  return db.selectFrom("entryVersions").selectAll().where("id", "=", entry.submittedVersionId).executeTakeFirst();
}

// ── Upload tokens ────────────────────────────────────────────────────────

export async function createUploadToken(db: Db, entryId: string, userId: string, expiresAt: Date): Promise<string> {
  const id = `u1${randomUUID().replace(/-/g, "")}${randomUUID().replace(/-/g, "")}`;
  await db.insertInto("entryUploadTokens").values({ id, entryId, userId, expiresAt: expiresAt.toISOString(), usedAt: null }).execute();
  return id;
}

/** Spend a token: exactly one request may use it, before it expires. */
export async function spendUploadToken(db: Db, token: string, now: Date): Promise<{ entryId: string; userId: string } | null> {
  const at = now.toISOString();
  const res = await db.updateTable("entryUploadTokens").set({ usedAt: at }).where("id", "=", token).where("usedAt", "is", null).where("expiresAt", ">", at).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return null;
  const row = await db.selectFrom("entryUploadTokens").select(["entryId", "userId"]).where("id", "=", token).executeTakeFirstOrThrow();
  return row;
}

/** Who made this upload token, while it can still be spent (its upload counts against their budget). */
export async function uploadTokenOwner(db: Db, token: string, now: Date): Promise<string | null> {
  const at = now.toISOString();
  const row = await db.selectFrom("entryUploadTokens").select("userId").where("id", "=", token).where("usedAt", "is", null).where("expiresAt", ">", at).executeTakeFirst();
  return row?.userId ?? null;
}

/** Every storage key a row still points at (the orphan sweep keeps these). */
export async function referencedKeys(db: AnyDb): Promise<Set<string>> {
  const rows = await db.selectFrom("entryFiles").select(["storageKey", "blindStorageKey"]).execute();
  return new Set(rows.flatMap((r) => (r.blindStorageKey ? [r.storageKey, r.blindStorageKey] : [r.storageKey])));
}

export const leadsOfUnits = (db: AnyDb, unitCodes: readonly string[]) =>
  unitCodes.length === 0
    ? Promise.resolve([])
    : db.selectFrom("users").select(["id", "unitCode", "fullName", "zaloName"]).where("role", "=", "unit_lead").where("unitCode", "in", unitCodes)
        // A lead of the unit the role was granted for (unit-authz), not anyone who picked the unit.
        .whereRef("roleUnitCode", "=", "unitCode")
        .execute();
