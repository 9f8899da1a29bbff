import type { Db } from "../../db/database";
import type { UnitClaimRow } from "./roster.table";

/** The units feature's claim SQL (unit_claims), with the claimant's name and phone. */
export function claimQuery(db: Db) {
  return db
    .selectFrom("unitClaims as c")
    .innerJoin("users as u", "u.id", "c.userId")
    .select(["c.id", "c.userId", "c.unitCode", "c.subUnit", "c.position", "c.note", "c.status", "c.createdAt", "c.decidedAt", "u.fullName", "u.zaloName", "u.phone"]);
}
export type ClaimRowWithUser = Awaited<ReturnType<ReturnType<typeof claimQuery>["executeTakeFirstOrThrow"]>>;

export const pendingClaimOfUser = (db: Db, userId: string) => claimQuery(db).where("c.userId", "=", userId).where("c.status", "=", "pending").executeTakeFirstOrThrow();
export const claimById = (db: Db, id: string) => claimQuery(db).where("c.id", "=", id).executeTakeFirstOrThrow();
export const pendingClaimsOfUnit = (db: Db, unitCode: string) =>
  claimQuery(db).where("c.unitCode", "=", unitCode).where("c.status", "=", "pending").orderBy("c.createdAt").orderBy("c.id").execute();
export const latestClaimRowOf = (db: Db, userId: string) => claimQuery(db).where("c.userId", "=", userId).orderBy("c.createdAt", "desc").orderBy("c.id", "desc").executeTakeFirst();

export async function countPendingClaims(db: Db, unitCode: string): Promise<number> {
  const r = await db.selectFrom("unitClaims").select((eb) => eb.fn.countAll<number>().as("n")).where("unitCode", "=", unitCode).where("status", "=", "pending").executeTakeFirstOrThrow();
  return Number(r.n);
}

type ClaimValues = Pick<UnitClaimRow, "unitCode" | "subUnit" | "position" | "note" | "createdAt">;

/** Replace the person's pending claim; false when they have none. */
export async function updatePendingClaim(db: Db, userId: string, values: ClaimValues): Promise<boolean> {
  const res = await db.updateTable("unitClaims").set(values).where("userId", "=", userId).where("status", "=", "pending").executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function insertPendingClaim(db: Db, id: string, userId: string, values: ClaimValues): Promise<void> {
  await db.insertInto("unitClaims").values({ id, userId, status: "pending", decidedAt: null, decidedBy: null, ...values }).execute();
}

export function findPendingClaim(db: Db, unitCode: string, claimId: string): Promise<UnitClaimRow | undefined> {
  return db.selectFrom("unitClaims").selectAll().where("id", "=", claimId).where("unitCode", "=", unitCode).where("status", "=", "pending").executeTakeFirst();
}

export async function decideClaimRow(db: Db, claimId: string, decision: Pick<UnitClaimRow, "status" | "decidedAt" | "decidedBy">): Promise<void> {
  await db.updateTable("unitClaims").set(decision).where("id", "=", claimId).execute();
}
