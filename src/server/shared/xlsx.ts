import type ExcelJS from "exceljs";
import { exceljs } from "./heavy-libs";

/**
 * The one place the server reads and writes workbooks. exceljs's typings predate
 * Buffer<ArrayBufferLike> (its runtime accepts any Buffer), so the cast lives here once.
 */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = await blankWorkbook();
  await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  return wb;
}

/** An empty workbook, no metadata (exceljs is loaded here, on first use). */
export async function blankWorkbook(): Promise<ExcelJS.Workbook> {
  return new (await exceljs()).Workbook();
}

/** A new workbook carrying the app's name as its author. */
export async function newWorkbook(title: string, now: Date): Promise<ExcelJS.Workbook> {
  const wb = await blankWorkbook();
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
