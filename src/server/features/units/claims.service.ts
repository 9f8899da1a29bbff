import { randomUUID } from "node:crypto";
import { rosterKey } from "../../../domain/units/roster-grid";
import type { Claim, CreateClaimRequest } from "../../../domain/units/roster.schema";
import type { AppContext } from "../../app-context";
import type { Db } from "../../db/database";
import { AppError } from "../../shared/app-error";
import type { UserRow } from "../auth/users.table";
import { recordAudit } from "../../shared/audit";
import { isUniqueViolation } from "../../db/errors";
import { invalidateLiveBoards } from "./ranking.service";
import { linkUserToEntry } from "./roster.service";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "dialect" | "caches">;

function claimQuery(db: Db) {
  return db
    .selectFrom("unitClaims as c")
    .innerJoin("users as u", "u.id", "c.userId")
    .select(["c.id", "c.userId", "c.unitCode", "c.subUnit", "c.position", "c.note", "c.status", "c.createdAt", "c.decidedAt", "u.fullName", "u.zaloName", "u.phone"]);
}

type ClaimRowWithUser = Awaited<ReturnType<ReturnType<typeof claimQuery>["executeTakeFirstOrThrow"]>>;
const toClaim = (r: ClaimRowWithUser): Claim => ({
  id: r.id,
  userId: r.userId,
  unitCode: r.unitCode,
  fullName: r.fullName ?? r.zaloName ?? null,
  phone: r.phone,
  subUnit: r.subUnit,
  position: r.position,
  note: r.note,
  status: r.status,
  createdAt: r.createdAt,
  decidedAt: r.decidedAt,
});

/** "I work in this unit but I am not on its list." One pending claim per person; a new one replaces it. */
export async function createClaim(ctx: Ctx, user: UserRow, unitCode: string, body: CreateClaimRequest): Promise<Claim> {
  const onRoster = await ctx.db.selectFrom("rosterEntries").select("unitCode").where("userId", "=", user.id).executeTakeFirst();
  if (onRoster)
    throw new AppError(409, "CONFLICT", `Already on the roster of ${onRoster.unitCode}`, { unitCode: "Bạn đã có trong danh sách cán bộ của một đơn vị." });
  const now = ctx.clock.now().toISOString();
  const values = { unitCode, subUnit: body.subUnit ?? user.subUnit, position: body.position ?? user.position, note: body.note ?? null, createdAt: now };
  const update = () => ctx.db.updateTable("unitClaims").set(values).where("userId", "=", user.id).where("status", "=", "pending").executeTakeFirst();
  const res = await update();
  if (Number(res.numUpdatedRows) === 0) {
    try {
      await ctx.db.insertInto("unitClaims").values({ id: randomUUID(), userId: user.id, status: "pending", decidedAt: null, decidedBy: null, ...values }).execute();
    } catch (err) {
      // A double tap raced us to the one pending claim: update that one instead.
      if (!isUniqueViolation(err)) throw err;
      await update();
    }
  }
  return toClaim(await claimQuery(ctx.db).where("c.userId", "=", user.id).where("c.status", "=", "pending").executeTakeFirstOrThrow());
}

export async function pendingClaims(db: Db, unitCode: string): Promise<Claim[]> {
  const rows = await claimQuery(db).where("c.unitCode", "=", unitCode).where("c.status", "=", "pending").orderBy("c.createdAt").orderBy("c.id").execute();
  return rows.map(toClaim);
}

export async function countPendingClaims(db: Db, unitCode: string): Promise<number> {
  const r = await db.selectFrom("unitClaims").select((eb) => eb.fn.countAll<number>().as("n")).where("unitCode", "=", unitCode).where("status", "=", "pending").executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function latestClaimOf(db: Db, userId: string): Promise<Claim | null> {
  const row = await claimQuery(db).where("c.userId", "=", userId).orderBy("c.createdAt", "desc").orderBy("c.id", "desc").executeTakeFirst();
  return row ? toClaim(row) : null;
}

/**
 * Approve: the person joins the unit's list (or the unlinked row that already names them) and their
 * profile follows it. Reject: the claim is closed. Either way it is logged.
 */
export async function decideClaim(ctx: Ctx, actor: UserRow, unitCode: string, claimId: string, approve: boolean): Promise<Claim> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const claim = await trx.selectFrom("unitClaims").selectAll().where("id", "=", claimId).where("unitCode", "=", unitCode).where("status", "=", "pending").executeTakeFirst();
    if (!claim) throw new AppError(404, "CLAIM_NOT_FOUND", "No pending claim with this id in this unit");
    const user = await trx.selectFrom("users").selectAll().where("id", "=", claim.userId).executeTakeFirstOrThrow();
    if (approve) {
      const listed = await trx.selectFrom("rosterEntries").select(["id", "unitCode", "source"]).where("userId", "=", user.id).executeTakeFirst();
      if (listed?.source === "import") throw new AppError(409, "CONFLICT", `The person is already on the roster of ${listed.unitCode}`);
      if (listed) await trx.deleteFrom("rosterEntries").where("id", "=", listed.id).execute();
      const fullName = user.fullName ?? user.zaloName ?? "Chưa rõ tên";
      // Reuse the unlinked row that already names this person; otherwise add one.
      const byKey = async (rowKey: string) => trx.selectFrom("rosterEntries").selectAll().where("unitCode", "=", unitCode).where("rowKey", "=", rowKey).executeTakeFirst();
      const natural = rosterKey(fullName, claim.subUnit, user.phone);
      let entry = await byKey(natural);
      let rowKey = natural;
      if (entry?.userId && entry.userId !== user.id) {
        rowKey = `claim:${user.id}`;
        entry = await byKey(rowKey);
      }
      if (!entry) {
        const id = randomUUID();
        await trx
          .insertInto("rosterEntries")
          .values({ id, unitCode, rowKey, fullName, phone: user.phone, position: claim.position, subUnit: claim.subUnit, userId: null, isLead: 0, source: "claim", createdAt: at, updatedAt: at })
          .execute();
        entry = await trx.selectFrom("rosterEntries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      }
      await linkUserToEntry(trx, entry, user, now, actor.id);
    }
    await trx.updateTable("unitClaims").set({ status: approve ? "approved" : "rejected", decidedAt: at, decidedBy: actor.id }).where("id", "=", claimId).execute();
    await recordAudit(trx, { actorId: actor.id, action: approve ? "claim.approve" : "claim.reject", subject: unitCode, details: { claimId, userId: user.id } }, now);
  });
  invalidateLiveBoards(ctx.db);
  return toClaim(await claimQuery(ctx.db).where("c.id", "=", claimId).executeTakeFirstOrThrow());
}
