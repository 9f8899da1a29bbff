import { AppError } from "../app-error";
import { type SheetCaps, type SheetCapBreach, scanXlsxSheets, sheetCapBreach } from "./sheet-scan";
import { WorkerLimitError } from "./worker-pool";
import { inspectZip, OFFICE_ZIP_LIMITS, ZipLimitError, type ZipLimits, type ZipReport } from "./zip-guard";

/**
 * One guard for every uploaded Office file (roster XLSX, question-bank XLSX, Stage-2 DOCX/PPTX/XLSX):
 * 1. `guardZip` on the request's thread: the central directory only (sizes, ratio, entry count);
 * 2. in the upload worker, `xlsxCapBreach` before exceljs sees the file (rows, columns, merges);
 * 3. the parse itself in the worker (`runInUploadWorker`): time and memory limits.
 */
export const OFFICE_SHEET_CAPS: SheetCaps = { maxRows: 10_050, maxColumns: 200, maxMerges: 2_000 };

export function tooComplex(message: string, limit: string): AppError {
  return new AppError(413, "UPLOAD_TOO_COMPLEX", `Upload refused: over the ${limit} limit`, { file: message });
}

/** Step 1 (the bytes, or a spooled file's path). Throws UPLOAD_TOO_COMPLEX (413) naming the limit. */
export async function guardZip(bytes: Buffer | string, limits: ZipLimits = OFFICE_ZIP_LIMITS): Promise<ZipReport> {
  try {
    return await inspectZip(bytes, limits);
  } catch (err) {
    if (err instanceof ZipLimitError) throw tooComplex(err.message, err.limit);
    throw err;
  }
}

/** Step 2, called inside the worker. */
export async function xlsxCapBreach(bytes: Uint8Array, caps: SheetCaps = OFFICE_SHEET_CAPS): Promise<SheetCapBreach | null> {
  return sheetCapBreach(await scanXlsxSheets(bytes), caps);
}

/** A worker limit (time, memory) as the client's error; anything else unchanged. */
export function asUploadError(err: unknown): unknown {
  if (err instanceof WorkerLimitError) return tooComplex(err.message, err.limit);
  if (err instanceof ZipLimitError) return tooComplex(err.message, err.limit);
  return err;
}
