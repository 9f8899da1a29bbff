import { readFileSync } from "node:fs";
import path from "node:path";
import type ExcelJS from "exceljs";
import { loadWorkbook } from "../../shared/xlsx";
import Papa from "papaparse";
import { canonicalColumn as canonical, type SheetRow } from "../../../domain/quiz/question-import";
import { AppError } from "../../shared/app-error";
import { guardZip, xlsxCapBreach } from "../../shared/uploads/upload-guard";

/** A problem with the file as a whole (not a row): unreadable, wrong encoding, wrong type. */
export class QuestionFileError extends Error {
  override name = "QuestionFileError";
}

export type Sheet = { headers: string[]; rows: SheetRow[] };

/**
 * Read a question sheet. CSV must be UTF-8 (with or without the BOM Excel writes); a file saved
 * in a legacy code page is refused rather than imported with broken Vietnamese. XLSX: the first
 * worksheet. Row numbers are the ones a person sees in Excel (the header is row 1).
 */
export async function readQuestionSheet(file: string): Promise<Sheet> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new QuestionFileError(`không đọc được tệp ${file}`);
  }
  return parseQuestionSheet(bytes, file);
}

/** The one parser of question sheets: the CLI (a file on disk) and the organisers' upload (bytes) both come here. */
export async function parseQuestionSheet(bytes: Buffer, fileName: string): Promise<Sheet> {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === ".csv") return readCsv(bytes);
  if (ext === ".xlsx") return readXlsx(bytes);
  throw new QuestionFileError(`chỉ nhận tệp .csv hoặc .xlsx (tệp đang là "${ext || "không có phần mở rộng"}")`);
}

function readCsv(bytes: Buffer): Sheet {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new QuestionFileError("tệp không phải mã UTF-8 nên chữ tiếng Việt sẽ bị lỗi. Trong Excel hãy chọn Lưu thành → “CSV UTF-8 (Comma delimited)”.");
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { header: false, skipEmptyLines: "greedy" });
  if (parsed.errors.length) {
    const e = parsed.errors[0]!;
    throw new QuestionFileError(`tệp CSV hỏng ở dòng ${(e.row ?? 0) + 1}: ${e.message}`);
  }
  const [headers = [], ...records] = parsed.data;
  return { headers, rows: records.map((r, i) => ({ row: i + 2, cells: Object.fromEntries(headers.map((h, k) => [canonical(h), r[k] ?? ""])) })) };
}

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  // The same guard as every uploaded Office file: ZIP directory, then rows/columns/merges, then exceljs.
  try {
    await guardZip(bytes);
  } catch (err) {
    if (err instanceof AppError) throw new QuestionFileError(err.fields?.file ?? err.message);
    throw err;
  }
  const breach = await xlsxCapBreach(bytes).catch(() => null);
  if (breach) throw new QuestionFileError(breach.message);
  let wb: ExcelJS.Workbook;
  try {
    wb = await loadWorkbook(bytes);
  } catch {
    throw new QuestionFileError("tệp .xlsx bị hỏng hoặc không phải tệp Excel");
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new QuestionFileError("tệp Excel không có trang tính nào");
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col - 1] = cell.text.trim()));
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells: Record<string, string> = {};
    headers.forEach((h, k) => (cells[canonical(h)] = row.getCell(k + 1).text));
    if (Object.values(cells).some((v) => v.trim())) rows.push({ row: n, cells });
  });
  return { headers, rows };
}
