import { z } from "zod";
import { vnParts } from "../../domain/shared/time";

/** Binary responses (XLSX, CSV): documented as a file, sent as a Buffer. */
export const FileSchema = z.instanceof(Buffer).describe("binary file");
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** "Bao-cao-10507-2026-06-11.xlsx" in ASCII, plus the Vietnamese name for clients that read filename*. */
export function attachment(asciiName: string, utf8Name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}

/** 2026-06-11: the Vietnam calendar day, for file names. */
export function dateStamp(at: Date): string {
  const p = vnParts(at);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** "Phường Thành Đông" → "phuong-thanh-dong": a file name people can read, in plain ASCII. */
export function asciiSlug(name: string): string {
  return name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
