import { describe, expect, it } from "vitest";
import { idParam, text } from "./text";

const name = text({ min: 2, max: 100 });

describe("the shared text schema", () => {
  it("trims and composes Vietnamese to NFC", () => {
    const decomposed = "Nguye\u0302\u0303n Va\u0306n A"; // ễ, ă written as base + combining marks
    const out = name.parse(`  ${decomposed}  `);
    expect(out).toBe("Nguyễn Văn A");
    expect(out).toBe(out.normalize("NFC"));
  });

  it.each([
    ["NUL", "Tên\u0000ẩn"],
    ["another control character", "Tên\u0007"],
    ["a line break in one-line text", "Dòng 1\nDòng 2"],
    ["a right-to-left override", "Nguyễn \u202Eáv\u202C"],
    ["an isolate", "A\u2066B\u2069"],
    ["only zero-width characters", "\u200B\u200C\u200D\uFEFF"],
    ["a Hangul filler name", "\u3164\u3164"],
    ["a lone surrogate", "Tên \uD800"],
    ["more than the maximum", "a".repeat(101)],
    ["100k characters", "a".repeat(100_000)],
  ])("refuses %s", (_what, value) => {
    expect(name.safeParse(value).success).toBe(false);
  });

  it("keeps emoji (surrogate pairs) and multi-line notes where allowed", () => {
    expect(name.parse("Lan 🌸")).toBe("Lan 🌸");
    expect(text({ max: 500, multiline: true }).parse("Dòng 1\nDòng 2")).toBe("Dòng 1\nDòng 2");
  });

  it("takes ids as visible ASCII only", () => {
    expect(idParam.safeParse("2f1c-ab_9").success).toBe(true);
    for (const bad of ["a\u0000b", "a b", "ắ", "", "x".repeat(65), "__proto__\u202E"]) expect(idParam.safeParse(bad).success).toBe(false);
  });
});
