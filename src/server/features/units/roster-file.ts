import type ExcelJS from "exceljs";
import Papa from "papaparse";
import { type Cell, type GridMerge, type RosterGrid, MAX_ROSTER_ROWS } from "../../../domain/units/roster-grid";
import { AppError } from "../../shared/app-error";
import { loadWorkbook } from "../../shared/xlsx";
import { asUploadError, guardZip, tooComplex, xlsxCapBreach } from "../../shared/uploads/upload-guard";
import { runInUploadWorker } from "../../shared/uploads/worker-pool";

export const ROSTER_FILE_MAX_BYTES = 5 * 1024 * 1024;

export type RosterFile = { format: "csv" | "xlsx"; sheets: Array<{ name: string | null; grid: RosterGrid }> };

const invalid = (why: string, message: string) => new AppError(400, "ROSTER_INVALID", message, { file: why });

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length > 8 && b.readUInt32BE(0) === 0xd0cf11e0;

/** Turn an uploaded staff list into grids of cells: XLSX by content, anything else read as delimited text. */
export async function readRosterFile(buffer: Buffer, fileName: string): Promise<RosterFile> {
  if (buffer.length === 0) throw invalid("Tệp rỗng.", "empty file");
  if (isOle(buffer)) throw invalid("Tệp Excel 97-2003 (.xls) chưa được hỗ trợ. Vui lòng mở tệp và lưu lại dạng .xlsx hoặc CSV UTF-8.", "legacy .xls file");
  if (isZip(buffer)) return { format: "xlsx", sheets: await readXlsxOffLoop(buffer) };
  if (/\.(xlsx|xlsm)$/i.test(fileName)) throw invalid("Tệp .xlsx bị hỏng hoặc không đúng định dạng.", "not a zip container");
  return { format: "csv", sheets: [{ name: null, grid: readCsv(buffer) }] };
}

/** UTF-8 (with or without BOM), UTF-16 from Excel's "Unicode text", or the Vietnamese Windows code page. */
export function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString("utf8");
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder("utf-16le").decode(buffer.subarray(2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder("utf-16be").decode(buffer.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    // Excel's plain "CSV" on a Vietnamese Windows writes windows-1258 (tone marks as combining characters).
    return new TextDecoder("windows-1258").decode(buffer).normalize("NFC");
  }
}

function readCsv(buffer: Buffer): RosterGrid {
  const text = decodeText(buffer);
  if (text.includes("\u0000")) throw invalid("Không đọc được tệp. Vui lòng gửi tệp .xlsx hoặc .csv.", "binary content");
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: guessDelimiter(text) });
  if (parsed.data.length > MAX_ROSTER_ROWS + 50) throw invalid(`Tệp có quá nhiều dòng (tối đa ${MAX_ROSTER_ROWS.toLocaleString("vi-VN")} người mỗi lần).`, "too many rows");
  // Papa's quote errors on a messy line still leave usable cells; the row report says what was read.
  return { rows: parsed.data.map((r) => (Array.isArray(r) ? r : [])) };
}

/**
 * The separator that splits the top of the file into the most columns (Excel writes ";" in some
 * locales and tabs for "Unicode text"). Papa's own guess is thrown off by title and blank lines.
 */
export function guessDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).slice(0, 40).filter((l) => l.trim() !== "");
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t", "|"]) {
    const count = Math.max(0, ...lines.map((l) => l.split(d).length - 1));
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("formula" in v || "sharedFormula" in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("text" in v && typeof v.text === "string") return v.text;
    if ("error" in v) return null;
  }
  return null;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function parseRange(range: string): GridMerge | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/i.exec(range);
  if (!m) return null;
  return { left: colIndex(m[1]!), top: Number(m[2]) - 1, right: colIndex(m[3]!), bottom: Number(m[4]) - 1 };
}

type WorkerAnswer = { ok: true; sheets: Array<{ name: string; grid: RosterGrid }> } | { ok: false; limit: string | null; message: string; why: string };

/** ZIP guard here, then caps and exceljs in the upload worker (a hostile workbook cannot stall the API). */
async function readXlsxOffLoop(buffer: Buffer): Promise<Array<{ name: string; grid: RosterGrid }>> {
  await guardZip(buffer);
  let answer: WorkerAnswer;
  try {
    answer = await runInUploadWorker<Uint8Array, WorkerAnswer>("features/units/roster-file", "readXlsxInWorker", buffer);
  } catch (err) {
    throw asUploadError(err);
  }
  if (answer.ok) return answer.sheets;
  throw answer.limit ? tooComplex(answer.message, answer.limit) : invalid(answer.message, answer.why);
}

/** Runs in the upload worker; answers plainly (class instances do not survive the thread boundary). */
export async function readXlsxInWorker(bytes: Uint8Array): Promise<WorkerAnswer> {
  const breach = await xlsxCapBreach(bytes).catch(() => null);
  if (breach) return { ok: false, limit: breach.limit, message: breach.message, why: breach.limit };
  try {
    return { ok: true, sheets: await readXlsx(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, limit: null, message: err.fields?.file ?? err.message, why: err.message };
    throw err;
  }
}

async function readXlsx(buffer: Buffer): Promise<Array<{ name: string; grid: RosterGrid }>> {
  let wb: ExcelJS.Workbook;
  try {
    wb = await loadWorkbook(buffer);
  } catch {
    throw invalid("Tệp .xlsx bị hỏng hoặc không đúng định dạng.", "unreadable xlsx");
  }
  const sheets: Array<{ name: string; grid: RosterGrid }> = [];
  for (const ws of wb.worksheets) {
    if (ws.state !== "visible") continue;
    if (ws.rowCount > MAX_ROSTER_ROWS + 50) throw invalid(`Trang "${ws.name}" có quá nhiều dòng (tối đa ${MAX_ROSTER_ROWS.toLocaleString("vi-VN")} người mỗi lần).`, "too many rows");
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
        // A merged range keeps its value in the top-left cell only.
        cells[colNumber - 1] = cell.isMerged && cell.master.address !== cell.address ? null : cellValue(cell.value);
      });
      rows[rowNumber - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    const merges = ((ws.model as { merges?: string[] }).merges ?? []).map(parseRange).filter((m): m is GridMerge => m !== null);
    sheets.push({ name: ws.name, grid: { rows, merges } });
  }
  if (sheets.length === 0) throw invalid("Tệp không có trang tính nào.", "no worksheet");
  return sheets;
}
