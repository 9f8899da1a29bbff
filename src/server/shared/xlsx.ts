import type ExcelJS from "exceljs";
import { exceljs } from "./heavy-libs";

/**
 * The one place the server reads and writes workbooks. exceljs's typings predate
 * Buffer<ArrayBufferLike> (its runtime accepts any Buffer), so the cast lives here once.
 */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new (await exceljs()).Workbook();
  await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  return wb;
}

/** A new workbook carrying the app's name as its author. */
export async function newWorkbook(title: string, now: Date): Promise<ExcelJS.Workbook> {
  const wb = new (await exceljs()).Workbook();
  wb.creator = "Học vụ AI";
  wb.title = title;
  wb.created = now;
  return wb;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet whose first row names its columns (in bold), each column at its width. */
export function addTableSheet(wb: ExcelJS.Workbook, name: string, columns: ReadonlyArray<readonly [header: string, width: number]>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.columns = columns.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

export type { ExcelJS };
