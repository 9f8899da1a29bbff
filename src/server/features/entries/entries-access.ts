import type { EntryRound } from "../../../domain/entries/entries.config";
import type { Unit } from "../../../domain/units/unit.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import { canManageUnit } from "../../shared/unit-authz";
import type { UserRow } from "../auth";
import { addContributor, eligibleUnitCodes, ensureEntry, findEntry, isContributor } from "./entries.repository";
import type { EntryRow } from "./entries.table";

export type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "env" | "files" | "dialect">;

export function roundOf(ctx: Ctx, roundId: string): EntryRound {
  const round = ctx.pack.entries.rounds.find((r) => r.id === roundId);
  if (!round) throw new AppError(404, "ENTRY_ROUND_NOT_FOUND", `No submission round ${roundId}`);
  return round;
}

export function unitOf(ctx: Ctx, code: string): Unit {
  const unit = ctx.pack.units.find((u) => u.code === code);
  if (!unit) throw new AppError(404, "UNIT_UNKNOWN", `No unit ${code}`);
  return unit;
}

export async function assertEligible(ctx: Ctx, round: EntryRound, unitCode: string): Promise<void> {
  const eligible = await eligibleUnitCodes(ctx.db, round.eligible.fromStage);
  if (!eligible.includes(unitCode)) throw new AppError(403, "ENTRY_NOT_ELIGIBLE", `Unit ${unitCode} may not submit in ${round.id}`);
}

/** This unit's deadline: the round's close, or the organiser's extension for it. */
export const deadlineOf = (round: EntryRound, entry: Pick<EntryRow, "deadlineOverride"> | undefined) => entry?.deadlineOverride ?? round.closes;

export function assertWritable(ctx: Ctx, round: EntryRound, entry: EntryRow | undefined): void {
  const now = ctx.clock.now().getTime();
  if (now < Date.parse(round.opens)) throw new AppError(409, "ENTRY_ROUND_NOT_OPEN", `Round ${round.id} opens at ${round.opens}`);
  if (now > Date.parse(deadlineOf(round, entry))) throw new AppError(409, "ENTRY_DEADLINE_PASSED", `The deadline ${deadlineOf(round, entry)} has passed`);
}

export type Access = { round: EntryRound; unit: Unit; entry: EntryRow | undefined; canEdit: boolean };

/**
 * Who may see or edit a unit's entry: the unit's leads (bound as contributors on first open) and
 * the people they invited (contributors of that unit); organisers read every entry; nobody else,
 * and a refusal never carries the other unit's data.
 */
export async function accessEntry(ctx: Ctx, user: UserRow, roundId: string, unitCode: string, mode: "read" | "write"): Promise<Access> {
  const round = roundOf(ctx, roundId);
  const unit = unitOf(ctx, unitCode);
  if (user.role === "judge") throw new AppError(403, "FORBIDDEN", "Judges see blind copies only");
  await assertEligible(ctx, round, unit.code);
  if (user.role === "organizer") {
    if (mode === "write") throw new AppError(403, "FORBIDDEN", "Organisers do not edit a unit's entry");
    return { round, unit, entry: await findEntry(ctx.db, round.id, unit.code), canEdit: false };
  }
  if (user.unitCode !== unit.code) throw new AppError(403, "FORBIDDEN", "Not a member of this unit's entry team");
  const now = ctx.clock.now();
  // The lead of this unit (the role granted for it); a lead of another unit who picked this one is a member like staff.
  if (canManageUnit(user, unit.code)) {
    const entry = await ensureEntry(ctx.db, round.id, unit.code, now);
    await addContributor(ctx.db, entry.id, user.id, "lead", now);
    return { round, unit, entry, canEdit: true };
  }
  const entry = await findEntry(ctx.db, round.id, unit.code);
  if (!entry || !(await isContributor(ctx.db, entry.id, user.id))) throw new AppError(403, "FORBIDDEN", "Open the invitation link from your unit's lead first");
  return { round, unit, entry, canEdit: true };
}
