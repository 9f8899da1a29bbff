/**
 * Normalise a Vietnamese mobile number to the domestic form 0xxxxxxxxx.
 * Accepts "+84 912 345 678", "84912345678", "0912.345.678", Excel numbers that lost
 * their leading zero (912345678). Returns null when it is not a plausible number.
 */
export function normalizePhone(input: string | number | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  let digits = String(input).trim().replace(/[\s.\-()]/g, "");
  if (digits.startsWith("+")) digits = digits.slice(1);
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith("84") && digits.length === 11) digits = "0" + digits.slice(2);
  else if (digits.length === 9 && !digits.startsWith("0")) digits = "0" + digits;
  if (!/^0[35789]\d{8}$/.test(digits)) return null;
  return digits;
}
