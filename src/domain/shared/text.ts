import { z } from "zod";

/**
 * The one schema for text a person types (names, notes, reasons) and for opaque identifiers in paths,
 * queries and bodies. PostgreSQL refuses NUL; bidi overrides make a name read differently than it is
 * stored; a name of only zero-width characters looks empty. Every request schema uses these.
 */

// C0/C1 controls except tab/newline/carriage return (allowed only in multi-line text).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAKS = /[\t\n\r]/;
// Bidi embeddings/overrides/isolates (U+202A–202E, U+2066–2069) and the line/paragraph separators.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u2028\u2029]/;
// Characters that draw nothing: whitespace, zero-width, joiners, BOM, Hangul fillers, combining grapheme joiner …
// eslint-disable-next-line no-misleading-character-class -- a class of lone invisible code points on purpose
const INVISIBLE = /^[\s\u00AD\u034F\u115F\u1160\u180E\u200B-\u200F\u2060-\u2064\uFEFF\u3164\uFFA0]*$/;

export type TextOptions = { max: number; min?: number; multiline?: boolean; minMessage?: string; maxMessage?: string };

/** A UTF-16 string with no lone surrogate (String#isWellFormed, which older WebViews lack). */
export function isWellFormedText(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = v.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** Whether a string is acceptable text (before trimming and NFC). Exposed for tests and the fuzzer. */
export function textProblem(v: string, multiline = false): string | null {
  if (!isWellFormedText(v)) return "Văn bản chứa ký tự không hợp lệ";
  if (CONTROL.test(v) || (!multiline && LINE_BREAKS.test(v))) return "Văn bản chứa ký tự điều khiển không hợp lệ";
  if (BIDI.test(v)) return "Văn bản chứa ký tự đổi chiều hiển thị không hợp lệ";
  if (v.length > 0 && INVISIBLE.test(v)) return "Văn bản chỉ có ký tự không nhìn thấy";
  return null;
}

/** Trimmed, NFC, no control/bidi characters, not invisible-only, length-capped text. */
export function text(opts: TextOptions) {
  const { max, min = 0, multiline = false } = opts;
  return z
    .string()
    .max(max * 4 + 64, opts.maxMessage ?? `Tối đa ${max} ký tự`) // refuse absurd input before normalising it
    .refine((v) => textProblem(v, multiline) === null, { error: (iss) => textProblem(String(iss.input), multiline) ?? "Văn bản không hợp lệ" })
    .trim()
    .normalize("NFC")
    .min(min, opts.minMessage ?? (min > 0 ? `Cần ít nhất ${min} ký tự` : undefined))
    .max(max, opts.maxMessage ?? `Tối đa ${max} ký tự`);
}

/** An opaque identifier (ids in paths, rule ids, cursors, tokens): visible ASCII only, no spaces. */
export function token(max: number, min = 1) {
  return z
    .string()
    .min(min)
    .max(max)
    .regex(/^[\x21-\x7E]+$/, "Mã không hợp lệ");
}

/** An id in a path or a list of ids. */
export const idParam = token(64);

/** A unit code as the contest's unit list writes them. */
export const unitCode = z.string().regex(/^[A-Za-z0-9_-]{2,20}$/, "Mã đơn vị không hợp lệ");
