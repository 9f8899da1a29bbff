import type { UserRow } from "../features/auth/users.table";
import { AppError } from "./app-error";

/**
 * The one rule for unit-scoped power: organisers manage every unit; a unit lead manages only the unit
 * the role was granted for (by an organiser, or an organiser's roster import), and only while they
 * still belong to it. `users.unit_code` alone is never trusted: people can pick it while onboarding.
 */
export function canManageUnit(user: Pick<UserRow, "role" | "unitCode" | "roleUnitCode">, code: string): boolean {
  if (user.role === "organizer") return true;
  return user.role === "unit_lead" && user.roleUnitCode !== null && user.roleUnitCode === code && user.unitCode === code;
}

export function assertCanManageUnit(user: UserRow, code: string): void {
  if (canManageUnit(user, code)) return;
  throw new AppError(403, "FORBIDDEN", user.role === "unit_lead" ? "A unit lead sees only their own unit" : "Needs role unit_lead or organizer");
}

/** The unit a lead may act for, or null (not a lead, or the grant does not match their unit). */
export function ledUnitOf(user: Pick<UserRow, "role" | "unitCode" | "roleUnitCode">): string | null {
  return user.role === "unit_lead" && user.roleUnitCode && user.roleUnitCode === user.unitCode ? user.roleUnitCode : null;
}
