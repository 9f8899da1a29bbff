import type { Unit } from "../../../domain/units/unit.schema";
import type { ContestPack } from "../../content/pack-loader";
import { AppError } from "../../shared/app-error";
import type { UserRow } from "../auth";

export function findUnit(ctx: { pack: Pick<ContestPack, "units"> }, code: string): Unit {
  const unit = ctx.pack.units.find((u) => u.code === code);
  if (!unit) throw new AppError(404, "UNIT_UNKNOWN", `Unit ${code} is not part of this contest`);
  return unit;
}

/** Unit leads see their own unit, organisers every unit, nobody else any. */
export function assertCanManageUnit(user: UserRow, code: string): void {
  if (user.role === "organizer") return;
  if (user.role === "unit_lead" && user.unitCode === code) return;
  throw new AppError(403, "FORBIDDEN", user.role === "unit_lead" ? "A unit lead sees only their own unit" : "Needs role unit_lead or organizer");
}
