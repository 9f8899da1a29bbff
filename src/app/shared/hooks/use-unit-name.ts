import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { useApi } from "../api/use-api";

/** A unit's full name for people to read ("Phường Thành Đông"), the code only until the list arrives. */
export function useUnitName(code: string | null): string | null {
  const units = useApi(unitsEndpoints.units, code ? { query: { kind: "all" } } : null);
  if (!code) return null;
  return units.data?.units.find((u) => u.code === code)?.fullName ?? code;
}
