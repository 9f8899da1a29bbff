import type { Role } from "../../../domain/auth/auth.schema";
import type { MergeRequest, MergeResponse, PeopleSearchQuery, PeopleSearchResponse, PersonDetail, PersonListItem, SetRoleRequest } from "../../../domain/people/people.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import { recordAudit } from "../../shared/audit";
import { canManageUnit } from "../../shared/unit-authz";
import { findUserById, listMergedFrom, mergeUserFacts, searchUsers, type UserRow } from "../auth";
import { mergeLessonProgress } from "../learning";
import { participationScope, progressOf } from "../participation";
import { mergeQuizAttempts, personTest } from "../quiz";
import { invalidateLiveBoards } from "../ranking";
import { mergeInbox } from "../reminders";
import { mergeRosterAndClaims, rosterEntryOf } from "../units";

type Ctx = Pick<AppContext, "db" | "dialect" | "pack" | "clock" | "env" | "caches">;

const unitName = (ctx: Ctx, code: string | null) => (code ? (ctx.pack.units.find((u) => u.code === code)?.fullName ?? null) : null);

function listItem(ctx: Ctx, r: UserRow): PersonListItem {
  return { id: r.id, fullName: r.fullName, zaloName: r.zaloName, phone: r.phone, role: r.role, unitCode: r.unitCode, unitName: unitName(ctx, r.unitCode), mergedInto: r.mergedInto };
}

export async function searchPeople(ctx: Ctx, q: PeopleSearchQuery): Promise<PeopleSearchResponse> {
  const rows = await searchUsers(ctx.db, { q: q.q, unitCode: q.unitCode, limit: q.limit + 1, dialect: ctx.dialect });
  return { people: rows.slice(0, q.limit).map((r) => listItem(ctx, r)), more: rows.length > q.limit };
}

async function personOrThrow(ctx: Ctx, id: string): Promise<UserRow> {
  const row = await findUserById(ctx.db, id);
  if (!row) throw new AppError(404, "PERSON_NOT_FOUND", "No such person");
  return row;
}

export async function personDetail(ctx: Ctx, id: string): Promise<PersonDetail> {
  const r = await personOrThrow(ctx, id);
  const [progress, test, roster, mergedFrom] = await Promise.all([
    progressOf(ctx.db, participationScope(ctx.pack), { userIds: [id] }),
    personTest(ctx, id),
    rosterEntryOf(ctx.db, id),
    listMergedFrom(ctx.db, id),
  ]);
  const p = progress.get(id);
  return {
    person: { ...listItem(ctx, r), subUnit: r.subUnit, position: r.position, phoneVerifiedAt: r.phoneVerifiedAt, createdAt: r.createdAt },
    progress: { lessonsDone: p?.lessonsDone ?? 0, lessonsTotal: ctx.pack.lessons.length, testDone: p?.testDone ?? false, countedScore: p?.countedScore ?? null },
    test,
    roster: roster ? { unitCode: roster.unitCode, unitName: unitName(ctx, roster.unitCode), fullName: roster.fullName } : null,
    sessions: { lastActiveAt: r.lastActiveAt, signIn: r.zaloId ? "zalo" : "demo" },
    mergedFrom,
  };
}

/**
 * Who may set whom to what: organisers any role of anyone but themselves (so the last organiser
 * cannot lock everybody out by accident); the organiser role only ever by an organiser. A unit lead
 * may make a colleague of their own unit a lead, or step one down — nothing else.
 */
export function assertMayChangeRole(actor: UserRow, target: UserRow, from: Role, to: Role, unitCode: string | null): void {
  if (actor.id === target.id) throw new AppError(403, "FORBIDDEN", "Nobody changes their own role");
  if (actor.role === "organizer") return;
  // The lead's role must be bound to the unit (the one unit-scoped rule), not merely their unit of work.
  const leadsOwnUnit = target.unitCode !== null && canManageUnit(actor, target.unitCode) && (unitCode ?? target.unitCode) === target.unitCode;
  const betweenStaffAndLead = (from === "staff" || from === "unit_lead") && (to === "staff" || to === "unit_lead");
  if (leadsOwnUnit && betweenStaffAndLead) return;
  throw new AppError(403, "FORBIDDEN", to === "organizer" || from === "organizer" ? "Only an organiser grants or revokes the organiser role" : "Needs role organizer");
}

export async function setRole(ctx: Ctx, actor: UserRow, id: string, req: SetRoleRequest): Promise<PersonDetail> {
  const target = await personOrThrow(ctx, id);
  if (target.mergedInto) throw new AppError(409, "MERGE_NOT_ALLOWED", "This account was merged into another");
  const unitCode = req.role === "unit_lead" ? (req.unitCode ?? target.unitCode) : (req.unitCode ?? null);
  if (req.role === "unit_lead" && !unitCode) throw new AppError(400, "VALIDATION_FAILED", "A unit lead needs a unit", { unitCode: "Chọn đơn vị cho trưởng đơn vị" });
  if (unitCode && !ctx.pack.units.some((u) => u.code === unitCode)) throw new AppError(404, "UNIT_UNKNOWN", `Unit ${unitCode} is not part of this contest`);
  assertMayChangeRole(actor, target, target.role, req.role, unitCode);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    // A lead's role is bound to the unit it is granted for; any other role drops the binding.
    const roleUnitCode = req.role === "unit_lead" ? unitCode : null;
    await trx.updateTable("users").set({ role: req.role, roleUnitCode, ...(unitCode ? { unitCode } : {}), updatedAt: now.toISOString() }).where("id", "=", id).execute();
    await recordAudit(trx, { actorId: actor.id, action: req.role === "staff" ? "people.role_revoked" : "people.role_granted", subject: id, details: { from: target.role, to: req.role, unitCode, reason: req.reason } }, now);
  });
  return personDetail(ctx, id);
}

/**
 * Merge `mergeId` into `keepId`, all in one transaction: attempts, lessons (best facts, one row
 * each), roster match, claims, inbox, then the account facts; audited with what moved. The unit
 * totals follow at once (0014's owner triggers mark both people; the live boards are dropped).
 */
export async function mergePeople(ctx: Ctx, actor: UserRow, req: MergeRequest): Promise<MergeResponse> {
  if (req.keepId === req.mergeId) throw new AppError(400, "MERGE_NOT_ALLOWED", "Choose two different accounts", { mergeId: "Chọn hai tài khoản khác nhau" });
  const [keep, merged] = await Promise.all([personOrThrow(ctx, req.keepId), personOrThrow(ctx, req.mergeId)]);
  if (keep.mergedInto || merged.mergedInto) throw new AppError(409, "MERGE_NOT_ALLOWED", "One of the accounts was already merged");
  if (merged.role === "organizer" || merged.role === "judge") throw new AppError(409, "MERGE_NOT_ALLOWED", "Revoke the merged account's role first", { mergeId: "Thu hồi vai trò của tài khoản bị gộp trước." });
  const now = ctx.clock.now();
  const moved = await ctx.db.transaction().execute(async (trx) => {
    const attempts = await mergeQuizAttempts(trx, merged.id, keep.id);
    const lessons = await mergeLessonProgress(trx, merged.id, keep.id);
    const { roster, claims } = await mergeRosterAndClaims(trx, merged.id, keep.id, actor.id, now);
    const inbox = await mergeInbox(trx, merged.id, keep.id);
    await mergeUserFacts(trx, keep, merged, now);
    const counts = { attempts, lessons, roster, inbox, claims };
    await recordAudit(trx, { actorId: actor.id, action: "people.merged", subject: keep.id, details: { mergedId: merged.id, reason: req.reason, moved: counts } }, now);
    return counts;
  });
  invalidateLiveBoards(ctx);
  return { person: await personDetail(ctx, keep.id), moved };
}
