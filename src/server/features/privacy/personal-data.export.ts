import { blankWorkbook } from "../../shared/xlsx";
import type { PersonalData } from "../../../domain/privacy/privacy.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import type { Db } from "../../db/database";
import { PERSONAL_DATA_SOURCES } from "./personal-data.sources";

/** Everything held about one person: one section per registered source. */
export async function collectPersonalData(db: Db, userId: string, now: Date): Promise<PersonalData> {
  const sections = [];
  for (const s of PERSONAL_DATA_SOURCES) sections.push({ id: s.id, label: s.label, purpose: s.purpose, rows: await s.collect(db, userId) });
  return { userId, generatedAt: now.toISOString(), sections };
}

const cellValue = (v: unknown): string | number | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "Có" : "Không";
  return JSON.stringify(v);
};

/** The same data as XLSX: an information sheet, then one sheet per kind of data (columns as stored). */
export async function personalDataXlsx(data: PersonalData, controller: string): Promise<Buffer> {
  const wb = await blankWorkbook();
  wb.creator = "Học vụ AI";
  wb.title = "Dữ liệu của tôi";
  const info = wb.addWorksheet("Thông tin");
  info.columns = [{ width: 28 }, { width: 90 }];
  info.addRow(["Dữ liệu cá nhân của bạn trong ứng dụng Học vụ AI"]).font = { bold: true, size: 14 };
  info.addRow(["Bên kiểm soát dữ liệu", controller]);
  info.addRow(["Thời điểm xuất", `${formatVnDateTime(data.generatedAt)} (giờ Việt Nam)`]);
  info.addRow(["Mã tài khoản", data.userId]);
  info.addRow(["Căn cứ", "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (hiệu lực từ 01/01/2026) và Nghị định 356/2025/NĐ-CP"]);
  info.addRow([]);
  for (const s of data.sections) info.addRow([s.label, `${s.rows.length} dòng — ${s.purpose}`]);

  for (const s of data.sections) {
    const ws = wb.addWorksheet(s.label.slice(0, 31));
    const keys = [...new Set(s.rows.flatMap((r) => Object.keys(r)))];
    if (keys.length === 0) {
      ws.addRow(["Không có dữ liệu"]);
      continue;
    }
    ws.columns = keys.map((k) => ({ width: Math.min(40, Math.max(12, k.length + 2)) }));
    const head = ws.addRow(keys);
    head.font = { bold: true };
    for (const r of s.rows) ws.addRow(keys.map((k) => cellValue(r[k])));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
