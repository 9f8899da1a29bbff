/**
 * The shared rules for text people type into an entry: the app applies them before saving, the
 * server again before storing. Text is NFC (Vietnamese typed on different keyboards compares equal),
 * line ends are \n, and control characters (NUL, escape codes, bidi overrides that disguise text)
 * are refused rather than silently dropped, so nobody's words change behind their back.
 */

// C0 controls except \t and \n, DEL and C1 controls, and the Unicode bidi embedding/override/isolate marks.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

export type TextProblem = "control" | "too_long";

export function normaliseText(input: string): string {
  return input.replace(/\r\n?/g, "\n").normalize("NFC");
}

/** The problem with a piece of text, or null when it may be stored. Length counts code points. */
export function textProblem(input: string, maxLength: number): TextProblem | null {
  const text = normaliseText(input);
  if (FORBIDDEN.test(text)) return "control";
  if ([...text].length > maxLength) return "too_long";
  return null;
}

export function textProblemMessage(problem: TextProblem, maxLength: number): string {
  return problem === "control"
    ? "Nội dung có ký tự điều khiển không hợp lệ (thường do sao chép từ phần mềm khác). Vui lòng gõ lại đoạn đó."
    : `Nội dung quá dài: tối đa ${maxLength.toLocaleString("vi-VN")} ký tự.`;
}

/** A file name safe on every disk and inside a ZIP: no path, no control or reserved characters, ≤ 120 characters. */
export function sanitiseFileName(name: string, fallback = "tep"): string {
  const base = normaliseText(name).split(/[\\/]/).pop() ?? "";
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069<>:"|?*]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  const chars = [...cleaned];
  if (chars.length === 0) return fallback;
  if (chars.length <= 120) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return [...cleaned.slice(0, cleaned.length - ext.length)].slice(0, 120 - ext.length).join("") + ext;
}
