import { missingItems } from "../../../domain/entries/completeness";
import type { RoundOverviewResponse } from "../../../domain/entries/entries.schema";
import { AppError } from "../../shared/app-error";
import type { UserRow } from "../auth";
import { recordAudit } from "../../shared/audit";
import { assertEligible, type Ctx, deadlineOf, roundOf, unitOf } from "./entries-access";
import { activeFileStats, contributorsOf, eligibleUnitCodes, ensureEntry, entriesOfRound, parseDraft } from "./entries.repository";
import { stateOf } from "./entries.service";

/** Every eligible unit of a round: status, completeness, last activity, contributors. */
export async function roundOverview(ctx: Ctx, roundId: string): Promise<RoundOverviewResponse> {
  const round = roundOf(ctx, roundId);
  const now = ctx.clock.now();
  const codes = await eligibleUnitCodes(ctx.db, round.eligible.fromStage);
  const entries = new Map((await entriesOfRound(ctx.db, round.id)).map((e) => [e.unitCode, e]));
  const ids = [...entries.values()].map((e) => e.id);
  const files = await activeFileStats(ctx.db, ids);
  const people = await contributorsOf(ctx.db, ids);
  return {
    round,
    serverNow: now.toISOString(),
    units: codes.map((code) => {
      const e = entries.get(code);
      const unit = ctx.pack.units.find((u) => u.code === code);
      const deadline = deadlineOf(round, e);
      const fileCount = e ? (files.get(e.id) ?? 0) : 0;
      const missing = missingItems(round, e ? parseDraft(e.draftJson) : parseDraft("{}"), fileCount);
      return {
        unitCode: code,
        unitName: unit?.name ?? code,
        status: stateOf(e, deadline, now),
        entryCode: e?.entryCode ?? null,
        complete: missing.length === 0,
        missing,
        fileCount,
        lastActivityAt: e && (e.version > 0 || fileCount > 0) ? e.updatedAt : null,
        contributors: people.filter((p) => p.entryId === e?.id).map((p) => p.fullName ?? p.zaloName ?? "Cán bộ"),
        deadline,
      };
    }),
  };
}

/** One unit's own deadline, with a reason, in the audit log. */
export async function extendDeadline(ctx: Ctx, actor: UserRow, roundId: string, unitCode: string, until: string, reason: string) {
  const round = roundOf(ctx, roundId);
  unitOf(ctx, unitCode);
  await assertEligible(ctx, round, unitCode);
  const now = ctx.clock.now();
  const at = new Date(until);
  if (at.getTime() <= Date.parse(round.closes) || at.getTime() <= now.getTime())
    throw new AppError(400, "VALIDATION_FAILED", "The new deadline must be after the round's close and now", { until: "Hạn mới phải sau hạn chung của vòng và sau thời điểm hiện tại." });
  const entry = await ensureEntry(ctx.db, round.id, unitCode, now);
  const deadline = at.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable("entries").set({ deadlineOverride: deadline }).where("id", "=", entry.id).execute();
    await recordAudit(trx, { actorId: actor.id, action: "entries.deadline.extend", subject: `${round.id}/${unitCode}`, details: { from: entry.deadlineOverride ?? round.closes, to: deadline, reason } }, now);
  });
  return { unit: unitCode, deadline };
}
