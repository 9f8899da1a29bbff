import { randomBytes, randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { Cell } from "../../../domain/units/roster-grid";
import type { TestApp } from "../../test/test-app";

export type Auth = { authorization: string };

/** The two tables other features own, typed by the cross-feature contract only. */
export function contractDb(t: Pick<TestApp, "app">) {
  return t.app.ctx.db.withTables<{
    lesson_progress: { userId: string; lessonId: string; completedAt: string | null };
    quiz_attempts: {
      id: string;
      userId: string;
      attemptNo: number;
      status: string;
      startedAt: string;
      dueAt: string;
      finishedAt: string | null;
      score: number | null;
      correctCount: number | null;
      questionCount: number;
    };
  }>();
}

/** `count` lessons (from the `from`-th, all of the pack's by default) completed at `at`, as the learning feature records them. */
export async function completeLessons(t: Pick<TestApp, "app" | "pack">, userId: string, at: Date, count = t.pack.lessons.length, from = 0): Promise<void> {
  const ids = t.pack.lessons.slice(from, from + count).map((l) => l.id);
  if (ids.length) await contractDb(t).insertInto("lesson_progress").values(ids.map((lessonId) => ({ userId, lessonId, completedAt: at.toISOString() }))).execute();
}

let attemptNo = 0;
/** A finished test attempt, as the quiz feature records it. */
export async function finishAttempt(t: Pick<TestApp, "app">, userId: string, o: { score: number; startedAt: Date; finishedAt?: Date }): Promise<void> {
  const finishedAt = o.finishedAt ?? new Date(o.startedAt.getTime() + 10 * 60_000);
  await contractDb(t)
    .insertInto("quiz_attempts")
    .values({
      id: randomUUID(),
      userId,
      attemptNo: ++attemptNo,
      status: "submitted",
      startedAt: o.startedAt.toISOString(),
      dueAt: new Date(o.startedAt.getTime() + 30 * 60_000).toISOString(),
      finishedAt: finishedAt.toISOString(),
      score: o.score,
      correctCount: Math.round((o.score / 100) * 30),
      questionCount: 30,
    })
    .execute();
}

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
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
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
