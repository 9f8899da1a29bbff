import { randomUUID } from "node:crypto";
import type { RosterImportResponse } from "../../../domain/units/roster.schema";
import type { HeadcountRequest, HeadcountResponse, RosterChange, RosterChangeDecisionRequest, RosterChangeDecisionResponse, RosterTotals } from "../../../domain/units/roster-changes.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import { recordAudit } from "../../shared/audit";
import type { UserRow } from "../auth";
import { officialHeadcountOf, setOfficialHeadcount } from "../participation";
import { invalidateLiveBoards } from "../ranking";
import { findUnit } from "./access";
import { changeWithNames, type ChangeWithNames, closePending, findChange, insertChange, latestChangeOfUnit, pendingChanges, supersedePending } from "./roster-changes.repository";
import { rosterSize } from "./roster.repository";
import { applyRosterSource, importRoster, type ParsedRosterSource, readRosterSource } from "./roster.service";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "dialect" | "caches">;

/**
 * Issue 10: a lead could make their unit 100 % by replacing the list with only the people who took
 * part. From the pack's `rosterFreezeAt` a lead's import is held for an organiser (who sees what it
 * would do), and an organiser may set the official headcount the rate is measured against.
 */
export const rosterFreezePassed = (ctx: Pick<Ctx, "clock" | "pack">): boolean => ctx.clock.now().getTime() >= Date.parse(ctx.pack.rosterFreezeAt);

function toChange(ctx: Pick<Ctx, "pack">, r: ChangeWithNames): RosterChange {
  return {
    id: r.id,
    unitCode: r.unitCode,
    unitName: ctx.pack.units.find((u) => u.code === r.unitCode)?.fullName ?? r.unitCode,
    requestedByName: r.requestedByName ?? null,
    requestedAt: r.requestedAt,
    fileName: r.fileName,
    replace: r.replace === 1,
    rosterSizeBefore: Number(r.rosterSizeBefore),
    preview: JSON.parse(r.preview) as RosterTotals,
    status: r.status,
    decidedAt: r.decidedAt,
    decidedByName: r.decidedByName ?? null,
    reason: r.reason,
  };
}

/** An organiser's import, or a lead's before the freeze, applies at once; a lead's after it is held. */
export async function importOrHold(ctx: Ctx, actor: UserRow, unitCode: string, file: { buffer: Buffer; fileName: string }, replace: boolean): Promise<RosterImportResponse> {
  if (actor.role === "organizer" || !rosterFreezePassed(ctx)) return importRoster(ctx, actor, unitCode, file, replace);
  const src = await readRosterSource(file);
  const before = await rosterSize(ctx.db, unitCode);
  const preview = await applyRosterSource(ctx, unitCode, src, replace, { canGrantLead: false, dryRun: true, audit: { actorId: actor.id, action: "roster.change_requested" } });
  const id = randomUUID();
  const now = ctx.clock.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const superseded = await supersedePending(trx, unitCode, at);
    await insertChange(trx, {
      id,
      unitCode,
      userId: actor.id,
      requestedAt: at,
      fileName: src.fileName,
      replace: replace ? 1 : 0,
      payload: JSON.stringify(src),
      rosterSizeBefore: Number(before.total),
      preview: JSON.stringify(preview.totals),
      status: "pending",
      decidedBy: null,
      decidedAt: null,
      reason: null,
    });
    await recordAudit(trx, { actorId: actor.id, action: "roster.change_requested", subject: unitCode, details: { changeId: id, fileName: src.fileName, replace, superseded, preview: preview.totals } }, now);
  });
  return { ...preview, heldForApproval: { changeId: id } };
}

async function changeView(ctx: Ctx, id: string): Promise<RosterChange> {
  const row = await changeWithNames(ctx.db, id);
  if (!row) throw new AppError(404, "ROSTER_CHANGE_NOT_FOUND", "No such roster change");
  return toChange(ctx, row);
}

/** Approve (the held file is applied now, as a lead's import: it never makes anyone a lead) or reject; audited with the reason. */
export async function decideRosterChange(ctx: Ctx, actor: UserRow, id: string, req: RosterChangeDecisionRequest): Promise<RosterChangeDecisionResponse> {
  const row = await findChange(ctx.db, id);
  if (!row) throw new AppError(404, "ROSTER_CHANGE_NOT_FOUND", "No such roster change");
  if (row.status !== "pending" || row.payload === null) throw new AppError(409, "ROSTER_CHANGE_DECIDED", `This change is ${row.status}`);
  const now = ctx.clock.now();
  const close = { status: req.approve ? ("approved" as const) : ("rejected" as const), decidedBy: actor.id, decidedAt: now.toISOString(), reason: req.reason };
  const closeOnce = async (trx: Parameters<typeof closePending>[0]) => {
    if (!(await closePending(trx, id, close))) throw new AppError(409, "ROSTER_CHANGE_DECIDED", "Someone decided this change meanwhile");
  };
  let applied: RosterTotals | null = null;
  if (req.approve) {
    const src = JSON.parse(row.payload) as ParsedRosterSource;
    const details = { changeId: id, requestedBy: row.userId, reason: req.reason };
    const result = await applyRosterSource(ctx, row.unitCode, src, row.replace === 1, { canGrantLead: false, audit: { actorId: actor.id, action: "roster.change_approved", details }, before: closeOnce });
    applied = result.totals;
  } else {
    await ctx.db.transaction().execute(async (trx) => {
      await closeOnce(trx);
      await recordAudit(trx, { actorId: actor.id, action: "roster.change_rejected", subject: row.unitCode, details: { changeId: id, requestedBy: row.userId, fileName: row.fileName, reason: req.reason } }, now);
    });
  }
  return { change: await changeView(ctx, id), applied };
}

export async function listPendingChanges(ctx: Ctx): Promise<RosterChange[]> {
  return (await pendingChanges(ctx.db)).map((r) => toChange(ctx, r));
}

/** For the unit's dashboard: the freeze, and the unit's latest change (waiting, or how it was decided). */
export async function rosterFreezeOf(ctx: Ctx, unitCode: string) {
  const latest = await latestChangeOfUnit(ctx.db, unitCode);
  return { at: ctx.pack.rosterFreezeAt, passed: rosterFreezePassed(ctx), latestChange: latest ? toChange(ctx, latest) : null };
}

/** An organiser sets (or clears) a unit's official headcount; audited with the previous value and the reason. */
export async function setHeadcount(ctx: Ctx, actor: UserRow, unitCode: string, req: HeadcountRequest): Promise<HeadcountResponse> {
  findUnit(ctx, unitCode);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const previous = await officialHeadcountOf(trx, unitCode);
    await setOfficialHeadcount(trx, unitCode, req.headcount, { setBy: actor.id, setAt: now.toISOString(), reason: req.reason });
    await recordAudit(trx, { actorId: actor.id, action: "unit.headcount_set", subject: unitCode, details: { headcount: req.headcount, previous, reason: req.reason } }, now);
  });
  invalidateLiveBoards(ctx);
  return { unitCode, headcount: req.headcount };
}
