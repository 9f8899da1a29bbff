import { randomUUID } from "node:crypto";
import { ERASED_NAME } from "../../../domain/privacy/privacy.config";
import type { PrivacyRequest, RetentionReport } from "../../../domain/privacy/privacy.schema";
import type { Db } from "../../db/database";
import type { PrivacyRequestRow } from "./privacy.table";

export async function insertRequest(db: Db, row: Omit<PrivacyRequestRow, "id" | "decidedAt" | "decidedBy" | "response" | "status">): Promise<string> {
  const id = randomUUID();
  await db.insertInto("privacyRequests").values({ ...row, id, status: "pending", decidedAt: null, decidedBy: null, response: null }).execute();
  return id;
}

export async function findRequest(db: Db, id: string): Promise<PrivacyRequestRow | undefined> {
  return db.selectFrom("privacyRequests").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function hasPendingRequest(db: Db, userId: string, kind: PrivacyRequestRow["kind"]): Promise<boolean> {
  const row = await db.selectFrom("privacyRequests").select("id").where("userId", "=", userId).where("kind", "=", kind).where("status", "=", "pending").executeTakeFirst();
  return row !== undefined;
}

export async function closeRequest(db: Db, id: string, patch: { status: "completed" | "rejected"; decidedBy: string; response: string }, now: Date): Promise<boolean> {
  const r = await db
    .updateTable("privacyRequests")
    .set({ ...patch, decidedAt: now.toISOString() })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Requests with the person's name and unit and the deciding organiser's name; pending (oldest deadline first) or all. */
export async function listRequests(db: Db, filter: { status: "pending" | "all"; userId?: string; id?: string }, now: Date): Promise<PrivacyRequest[]> {
  let q = db
    .selectFrom("privacyRequests as r")
    .innerJoin("users as u", "u.id", "r.userId")
    .leftJoin("users as d", "d.id", "r.decidedBy")
    .select(["r.id", "r.userId", "r.kind", "r.note", "r.status", "r.createdAt", "r.dueAt", "r.decidedAt", "r.response", "u.fullName", "u.zaloName", "u.unitCode", "d.fullName as deciderName", "d.zaloName as deciderZaloName"]);
  if (filter.status === "pending") q = q.where("r.status", "=", "pending");
  if (filter.userId) q = q.where("r.userId", "=", filter.userId);
  if (filter.id) q = q.where("r.id", "=", filter.id);
  const rows = await q.orderBy("r.dueAt").orderBy("r.id").limit(1000).execute();
  return rows.map(({ fullName, zaloName, deciderName, deciderZaloName, ...r }) => ({
    ...r,
    userName: fullName ?? zaloName ?? null,
    overdue: r.status === "pending" && r.dueAt < now.toISOString(),
    decidedByName: deciderName ?? deciderZaloName ?? null,
  }));
}

export async function readSetting(db: Db, key: string): Promise<{ value: string; updatedAt: string } | undefined> {
  return db.selectFrom("privacySettings").select(["value", "updatedAt"]).where("key", "=", key).executeTakeFirst();
}

export async function writeSetting(db: Db, key: string, value: string, by: string | null, now: Date): Promise<void> {
  const row = { key, value, updatedAt: now.toISOString(), updatedBy: by };
  await db
    .insertInto("privacySettings")
    .values(row)
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updatedAt: row.updatedAt, updatedBy: by }))
    .execute();
}

const count = (r: { n: number | string | bigint } | undefined) => Number(r?.n ?? 0);

/** What retention would still anonymise (the dry run's figures). */
export async function retentionCounts(db: Db): Promise<RetentionReport["counts"]> {
  const [people, rosterEntries, claims, inboxMessages, requests] = await Promise.all([
    db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).where("deletedAt", "is", null).executeTakeFirst(),
    db.selectFrom("rosterEntries").select((eb) => eb.fn.countAll().as("n")).where("fullName", "!=", ERASED_NAME).executeTakeFirst(),
    db
      .selectFrom("unitClaims")
      .select((eb) => eb.fn.countAll().as("n"))
      .where((eb) => eb.or([eb("note", "is not", null), eb("position", "is not", null)]))
      .executeTakeFirst(),
    db.selectFrom("reminderOutbox").select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
    db.selectFrom("privacyRequests").select((eb) => eb.fn.countAll().as("n")).where("note", "is not", null).executeTakeFirst(),
  ]);
  return { people: count(people), rosterEntries: count(rosterEntries), claims: count(claims), inboxMessages: count(inboxMessages), requests: count(requests) };
}
