import type { PrivacyRequest } from "../../../domain/privacy/privacy.schema";

export const KIND_LABEL: Record<PrivacyRequest["kind"], string> = { delete: "Xoá dữ liệu", correct: "Sửa dữ liệu" };
export const STATUS_LABEL: Record<PrivacyRequest["status"], string> = { pending: "Đang chờ xử lý", completed: "Đã xử lý", rejected: "Từ chối" };

/** A stored value as a person reads it. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
