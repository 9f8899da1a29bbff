import type { EntryRound } from "./entries.config";
import { type EntryDraft, isValidEmail, isValidPhone, isValidUrl, type MissingItem } from "./entries.schema";
import { textProblem, textProblemMessage } from "./text-rules";

/**
 * Per-field problems of a draft against its round (too long, control characters, a number or
 * link that is not one), in Vietnamese, keyed by the field's path. Checked on every save.
 */
export function draftProblems(round: EntryRound, draft: EntryDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  const known = new Map(round.fields.map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(draft.fields)) {
    const field = known.get(key);
    if (!field) {
      problems[`fields.${key}`] = "Trường này không có trong biểu mẫu.";
      continue;
    }
    const p = textProblem(value, field.maxLength);
    if (p) problems[`fields.${key}`] = textProblemMessage(p, field.maxLength);
    else if (value.trim() && field.type === "number" && !/^-?\d+([.,]\d+)?$/.test(value.trim())) problems[`fields.${key}`] = "Vui lòng nhập một con số.";
    else if (value.trim() && field.type === "url" && !isValidUrl(value.trim())) problems[`fields.${key}`] = "Vui lòng nhập đường dẫn bắt đầu bằng https://";
  }
  const rep = draft.representative;
  const texts: [string, string, number][] = [
    ["videoUrl", draft.videoUrl, 500],
    ["representative.fullName", rep.fullName, 100],
    ["representative.position", rep.position, 150],
    ["representative.phone", rep.phone, 20],
    ["representative.email", rep.email, 200],
  ];
  for (const [path, value, max] of texts) {
    const p = textProblem(value, max);
    if (p) problems[path] = textProblemMessage(p, max);
  }
  if (!problems.videoUrl && draft.videoUrl.trim() && !isValidUrl(draft.videoUrl.trim())) problems.videoUrl = "Vui lòng nhập đường dẫn bắt đầu bằng https://";
  return problems;
}

/** What still stops a submission, in the order of the form, with the labels the person sees. */
export function missingItems(round: EntryRound, draft: EntryDraft, fileCount: number): MissingItem[] {
  const missing: MissingItem[] = [];
  for (const f of round.fields) if (f.required && !(draft.fields[f.key] ?? "").trim()) missing.push({ key: `fields.${f.key}`, label: f.label });
  if (round.videoLinkRequired && !isValidUrl(draft.videoUrl.trim())) missing.push({ key: "videoUrl", label: "Đường dẫn video giới thiệu" });
  const rep = draft.representative;
  if (!rep.fullName.trim()) missing.push({ key: "representative.fullName", label: "Họ và tên người đại diện" });
  if (!rep.position.trim()) missing.push({ key: "representative.position", label: "Chức vụ người đại diện" });
  if (!isValidPhone(rep.phone)) missing.push({ key: "representative.phone", label: "Số điện thoại người đại diện" });
  if (!isValidEmail(rep.email.trim())) missing.push({ key: "representative.email", label: "Thư điện tử người đại diện" });
  if (!rep.consent) missing.push({ key: "representative.consent", label: "Đồng ý xử lý dữ liệu cá nhân" });
  if (fileCount < round.attachments.minCount) missing.push({ key: "files", label: `Tệp đính kèm (ít nhất ${round.attachments.minCount})` });
  return missing;
}

/** "V2-07": the round's prefix and the order of first submission. */
export const entryCodeOf = (prefix: string, n: number) => `${prefix}-${String(n).padStart(2, "0")}`;

/** JSON with object keys sorted at every level: the same submission always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** The consent text shown beside the unticked box (Law 91/2025/QH15 on personal data protection). */
export function consentText(controller: string): string {
  return (
    `Tôi đồng ý để ${controller} (bên kiểm soát dữ liệu) xử lý họ tên, chức vụ, số điện thoại và thư điện tử ` +
    "của người đại diện nêu trên với mục đích duy nhất là liên hệ, đánh giá và công bố kết quả cuộc thi, theo Luật " +
    "Bảo vệ dữ liệu cá nhân số 91/2025/QH15. Dữ liệu được lưu đến hết cuộc thi và 12 tháng sau đó. Người đại diện có " +
    "quyền xem, chỉnh sửa, yêu cầu xoá dữ liệu và rút lại sự đồng ý bất cứ lúc nào trước khi nộp, qua biểu mẫu này hoặc " +
    "đầu mối liên hệ của Ban tổ chức."
  );
}
export const PUBLISH_CONSENT_TEXT =
  "Không bắt buộc: đồng ý để Ban tổ chức giới thiệu sản phẩm (tên đơn vị, nội dung và tệp đính kèm) trong thư viện sản phẩm sau khi chấm.";
