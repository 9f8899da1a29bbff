import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizePhone } from "./phone";

describe("normalizePhone", () => {
  it.each([
    ["0912345678", "0912345678"],
    ["+84 912 345 678", "0912345678"],
    ["84912345678", "0912345678"],
    ["0912.345.678", "0912345678"],
    ["(091) 234-5678", "0912345678"],
    [912345678, "0912345678"], // Excel dropped the leading zero
    [" 0388 123 456 ", "0388123456"],
  ])("%s → %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([["", null], ["abc", null], ["0212345678", null], ["091234567", null], ["+1 650 555 1234", null], [null, null], [undefined, null]])(
    "rejects %s",
    (input, expected) => {
      expect(normalizePhone(input)).toBe(expected);
    },
  );

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.constantFrom("3", "5", "7", "8", "9"), fc.stringMatching(/^\d{8}$/), (head, tail) => {
        const once = normalizePhone(`+84 ${head}${tail}`);
        expect(once).toBe(`0${head}${tail}`);
        expect(normalizePhone(once)).toBe(once);
      }),
    );
  });
});
