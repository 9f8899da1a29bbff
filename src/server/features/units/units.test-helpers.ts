import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import type { Cell } from "../../../domain/units/roster-grid";
import { loadWorkbook } from "../../shared/xlsx";
import type { TestApp } from "../../test/test-app";

export type Auth = { authorization: string };

/** A multipart/form-data body with one file, as the app's upload sends it. */
export function multipartFile(fileName: string, content: Buffer | string, contentType = "text/csv") {
  const boundary = `----hvai${randomBytes(8).toString("hex")}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, typeof content === "string" ? Buffer.from(content, "utf8") : content, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadRoster(t: Pick<TestApp, "app">, auth: Auth, unitCode: string, fileName: string, content: Buffer | string, opts: { replace?: boolean; contentType?: string } = {}) {
  const { payload, headers } = multipartFile(fileName, content, opts.contentType);
  return t.app.inject({ method: "POST", url: `/api/units/${unitCode}/roster${opts.replace ? "?replace=1" : ""}`, headers: { ...headers, ...auth }, payload });
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Build an .xlsx the way people make them: rows of cells, optional merged ranges like "A1:E1". */
export async function xlsxOf(rows: Cell[][], merges: string[] = [], sheetName = "Danh sách"): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((r, i) => {
    r.forEach((c, j) => {
      if (c !== null && c !== undefined) ws.getCell(i + 1, j + 1).value = c;
    });
  });
  for (const m of merges) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Read an XLSX response back into plain rows per sheet. */
export async function readXlsx(body: Buffer): Promise<Record<string, unknown[][]>> {
  const wb = await loadWorkbook(body);
  const out: Record<string, unknown[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const values = row.values as unknown[];
      rows.push(values.slice(1));
    });
    out[ws.name] = rows;
  }
  return out;
}

/** Verify a phone in dev mode (AUTH_DEV), which runs the same hooks as the Zalo path. */
export async function verifyPhone(t: Pick<TestApp, "app">, auth: Auth, phone: string) {
  const res = await t.app.inject({ method: "POST", url: "/api/auth/phone", headers: auth, payload: { phoneToken: `dev:${phone}` } });
  if (res.statusCode !== 200) throw new Error(`phone verification failed: ${res.statusCode} ${res.body}`);
  return res.json().user as { unitCode: string | null; subUnit: string | null; position: string | null; role: string; phone: string };
}
