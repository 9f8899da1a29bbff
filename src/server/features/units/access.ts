import type { Unit } from "../../../domain/units/unit.schema";
import type { ContestPack } from "../../content/pack-loader";
import { AppError } from "../../shared/app-error";

export function findUnit(ctx: { pack: Pick<ContestPack, "units"> }, code: string): Unit {
  const unit = ctx.pack.units.find((u) => u.code === code);
  if (!unit) throw new AppError(404, "UNIT_UNKNOWN", `Unit ${code} is not part of this contest`);
  return unit;
}

/** Unit leads see their own unit (the one their role was granted for), organisers every unit, nobody else any. */
// The rule lives in one shared helper (also used by reminders' nudges and the reports/stages routes).
export { assertCanManageUnit, canManageUnit, ledUnitOf } from "../../shared/unit-authz";
