import { randomUUID } from "node:crypto";
import { rosterKey } from "../../../domain/units/roster-grid";
import type { Claim, CreateClaimRequest } from "../../../domain/units/roster.schema";
import type { AppContext } from "../../app-context";
import type { Db } from "../../db/database";
import { isUniqueViolation } from "../../db/errors";
import { AppError } from "../../shared/app-error";
import { recordAudit } from "../../shared/audit";
import type { UserRow } from "../auth";
import { invalidateLiveBoards } from "../ranking";
import {
  claimById,
  type ClaimRowWithUser,
  decideClaimRow,
  findPendingClaim,
  insertPendingClaim,
  latestClaimRowOf,
  pendingClaimOfUser,
  pendingClaimsOfUnit,
  updatePendingClaim,
} from "./claims.repository";
import { deleteEntries, findEntry, findEntryByKey, findUser, insertEntries, rosterEntryOfUser } from "./roster.repository";
import { linkUserToEntry } from "./roster.service";
import type { RosterEntryRow, UnitClaimRow } from "./roster.table";

export { countPendingClaims } from "./claims.repository";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "dialect" | "caches">;

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
  const onRoster = await rosterEntryOfUser(ctx.db, user.id);
  if (onRoster)
    throw new AppError(409, "CONFLICT", `Already on the roster of ${onRoster.unitCode}`, { unitCode: "Bạn đã có trong danh sách cán bộ của một đơn vị." });
  const now = ctx.clock.now().toISOString();
  const values = { unitCode, subUnit: body.subUnit ?? user.subUnit, position: body.position ?? user.position, note: body.note ?? null, createdAt: now };
  if (!(await updatePendingClaim(ctx.db, user.id, values))) {
    try {
      await insertPendingClaim(ctx.db, randomUUID(), user.id, values);
    } catch (err) {
      // A double tap raced us to the one pending claim: update that one instead.
      if (!isUniqueViolation(err)) throw err;
      await updatePendingClaim(ctx.db, user.id, values);
    }
  }
  return toClaim(await pendingClaimOfUser(ctx.db, user.id));
}

export async function pendingClaims(db: Db, unitCode: string): Promise<Claim[]> {
  return (await pendingClaimsOfUnit(db, unitCode)).map(toClaim);
}

export async function latestClaimOf(db: Db, userId: string): Promise<Claim | null> {
  const row = await latestClaimRowOf(db, userId);
  return row ? toClaim(row) : null;
}

/** The row an approved claim puts the person on: the unlinked row that already names them, or a new one. */
async function rowForClaim(trx: Db, claim: UnitClaimRow, user: UserRow, at: string): Promise<RosterEntryRow> {
  const fullName = user.fullName ?? user.zaloName ?? "Chưa rõ tên";
  const natural = rosterKey(fullName, claim.subUnit, user.phone);
  let entry = await findEntryByKey(trx, claim.unitCode, natural);
  let rowKey = natural;
  if (entry?.userId && entry.userId !== user.id) {
    rowKey = `claim:${user.id}`;
    entry = await findEntryByKey(trx, claim.unitCode, rowKey);
  }
  if (entry) return entry;
  const id = randomUUID();
  await insertEntries(trx, [
    { id, unitCode: claim.unitCode, rowKey, fullName, phone: user.phone, position: claim.position, subUnit: claim.subUnit, userId: null, isLead: 0, source: "claim", createdAt: at, updatedAt: at },
  ]);
  return (await findEntry(trx, id))!;
}

/**
 * Approve: the person joins the unit's list (or the unlinked row that already names them) and their
 * profile follows it. Reject: the claim is closed. Either way it is logged.
 */
export async function decideClaim(ctx: Ctx, actor: UserRow, unitCode: string, claimId: string, approve: boolean): Promise<Claim> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const claim = await findPendingClaim(trx, unitCode, claimId);
    if (!claim) throw new AppError(404, "CLAIM_NOT_FOUND", "No pending claim with this id in this unit");
    const user = (await findUser(trx, claim.userId))!;
    if (approve) {
      const listed = await rosterEntryOfUser(trx, user.id);
      if (listed?.source === "import") throw new AppError(409, "CONFLICT", `The person is already on the roster of ${listed.unitCode}`);
      if (listed) await deleteEntries(trx, [listed.id]);
      await linkUserToEntry(trx, await rowForClaim(trx, claim, user, at), user, now, actor.id);
    }
    await decideClaimRow(trx, claimId, { status: approve ? "approved" : "rejected", decidedAt: at, decidedBy: actor.id });
    await recordAudit(trx, { actorId: actor.id, action: approve ? "claim.approve" : "claim.reject", subject: unitCode, details: { claimId, userId: user.id } }, now);
  });
  invalidateLiveBoards(ctx);
  return toClaim(await claimById(ctx.db, claimId));
}
