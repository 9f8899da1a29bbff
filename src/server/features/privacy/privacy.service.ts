import { retentionDueAt, requestDueAt } from "../../../domain/privacy/privacy.config";
import type { CreatePrivacyRequest, PrivacyDecision, PrivacyNoticeResponse, PrivacyRequest, PrivacySettings } from "../../../domain/privacy/privacy.schema";
import type { AppContext } from "../../app-context";
import type { Db } from "../../db/database";
import { AppError } from "../../shared/app-error";
import { findUserById, updateUser, type UserRow } from "../auth";
import { recordAudit } from "../../shared/audit";
import { type EraseScope, PERSONAL_DATA_SOURCES } from "./personal-data.sources";
import { closeRequest, findRequest, hasPendingRequest, insertRequest, listRequests, readSetting, writeSetting } from "./privacy.repository";

type Ctx = Pick<AppContext, "db" | "pack" | "clock">;

/** The contest's end: the close of its last stage. */
export function contestEndsAt(ctx: Pick<Ctx, "pack">): string {
  return ctx.pack.stages.map((s) => s.closesAt).sort().at(-1)!;
}

export function privacyNotice(ctx: Ctx): PrivacyNoticeResponse {
  const ends = contestEndsAt(ctx);
  return {
    controller: ctx.pack.organizer,
    contestName: ctx.pack.name,
    contacts: ctx.pack.contacts,
    responseDays: ctx.pack.privacy.responseDays,
    retainDaysAfterContest: ctx.pack.privacy.retainDaysAfterContest,
    contestEndsAt: ends,
    retainUntil: retentionDueAt(ends, ctx.pack.privacy),
  };
}

/** Anonymise through every registered source, inside the caller's transaction; returns rows touched per source. */
export async function eraseWithin(trx: Db, scope: EraseScope, now: Date): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  // The profile goes last: other sources may still read the person's row.
  const ordered = [...PERSONAL_DATA_SOURCES.filter((s) => s.id !== "profile"), ...PERSONAL_DATA_SOURCES.filter((s) => s.id === "profile")];
  for (const s of ordered) if (s.erase) counts[s.id] = await s.erase(trx, scope, now);
  return counts;
}

/** The same in a transaction of its own (all or nothing). */
export async function erasePersonalData(db: Db, scope: EraseScope, now: Date): Promise<Record<string, number>> {
  return db.transaction().execute((trx) => eraseWithin(trx, scope, now));
}

export async function myRequests(ctx: Ctx, userId: string): Promise<PrivacyRequest[]> {
  return listRequests(ctx.db, { status: "all", userId }, ctx.clock.now());
}

export async function requestById(ctx: Ctx, id: string): Promise<PrivacyRequest> {
  const [found] = await listRequests(ctx.db, { status: "all", id }, ctx.clock.now());
  if (!found) throw new AppError(404, "PRIVACY_REQUEST_NOT_FOUND", "Privacy request not found");
  return found;
}

export async function createRequest(ctx: Ctx, user: UserRow, body: CreatePrivacyRequest): Promise<PrivacyRequest> {
  if (await hasPendingRequest(ctx.db, user.id, body.kind)) throw new AppError(409, "PRIVACY_REQUEST_PENDING", "A request of this kind is already pending");
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await insertRequest(trx, { userId: user.id, kind: body.kind, note: body.note || null, createdAt: at, dueAt: requestDueAt(at, ctx.pack.privacy) });
    await recordAudit(trx, { actorId: user.id, action: `privacy.request.${body.kind}`, subject: `user:${user.id}`, details: { requestId: newId } }, now);
    return newId;
  });
  return requestById(ctx, id);
}

/**
 * An organiser completes or rejects a request. Completing a deletion anonymises the person
 * (sources' erase); completing a correction applies the given profile fixes. Audited either way.
 */
export async function decideRequest(ctx: Ctx, actor: UserRow, id: string, decision: PrivacyDecision): Promise<PrivacyRequest> {
  const request = await findRequest(ctx.db, id);
  if (!request) throw new AppError(404, "PRIVACY_REQUEST_NOT_FOUND", "Privacy request not found");
  if (request.status !== "pending") throw new AppError(409, "PRIVACY_REQUEST_CLOSED", "The request was already decided");
  const now = ctx.clock.now();
  const status = decision.action === "complete" ? "completed" : "rejected";
  await ctx.db.transaction().execute(async (trx) => {
    // Closing first, conditionally, makes a double submit (two organisers at once) act only once.
    if (!(await closeRequest(trx, id, { status, decidedBy: actor.id, response: decision.response }, now)))
      throw new AppError(409, "PRIVACY_REQUEST_CLOSED", "The request was already decided");
    let erased: Record<string, number> | undefined;
    if (status === "completed" && request.kind === "correct" && decision.corrections) {
      const target = await findUserById(trx, request.userId);
      if (target && !target.deletedAt) await updateUser(trx, request.userId, decision.corrections, now);
    }
    if (status === "completed" && request.kind === "delete") erased = await eraseWithin(trx, { userIds: [request.userId] }, now);
    await recordAudit(
      trx,
      {
        actorId: actor.id,
        action: `privacy.${request.kind}.${status}`,
        subject: `user:${request.userId}`,
        details: { requestId: id, response: decision.response, ...(decision.corrections ? { corrected: Object.keys(decision.corrections) } : {}), ...(erased ? { erased } : {}) },
      },
      now,
    );
  });
  return requestById(ctx, id);
}

export const REPORT_PHONES_KEY = "reports.staffPhones";

export async function privacySettings(db: Db): Promise<PrivacySettings> {
  const row = await readSetting(db, REPORT_PHONES_KEY);
  return { reportStaffPhones: row?.value === "1", updatedAt: row?.updatedAt ?? null };
}

/** Whether unit reports may carry staff phone numbers (off unless an organiser turned it on). */
export async function reportsIncludeStaffPhones(db: Db): Promise<boolean> {
  return (await privacySettings(db)).reportStaffPhones;
}

export async function updatePrivacySettings(ctx: Ctx, actor: UserRow, patch: { reportStaffPhones: boolean }): Promise<PrivacySettings> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await writeSetting(trx, REPORT_PHONES_KEY, patch.reportStaffPhones ? "1" : "0", actor.id, now);
    await recordAudit(trx, { actorId: actor.id, action: "privacy.settings", subject: REPORT_PHONES_KEY, details: { reportStaffPhones: patch.reportStaffPhones } }, now);
  });
  return privacySettings(ctx.db);
}
