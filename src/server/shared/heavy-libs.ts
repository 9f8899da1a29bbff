import { createRequire } from "node:module";
import type pg from "pg";

/**
 * Libraries only exports, uploads and documents need, loaded on first use: exceljs, pdf-lib with
 * fontkit and qrcode hold ≈ 75 MiB resident together, and the deadline surge (sign in, test, save)
 * uses none of these. Each one loaded at start-up also lengthens the boot, and after a crash the
 * phones wait that long. Import their types statically; their code only through these.
 */
export const exceljs = async () => (await import("exceljs")).default;
export const pdfLib = () => import("pdf-lib");
export const fontkit = async () => (await import("@pdf-lib/fontkit")).default;
export const qrcode = async () => (await import("qrcode")).default;
export const yauzl = async () => (await import("yauzl")).default;
export const yazl = async () => (await import("yazl")).default;
export const fileType = () => import("file-type");

const require = createRequire(import.meta.url);
let pgDriver: typeof pg | null = null;
/** node-postgres, when the first PostgreSQL database is opened (synchronously: createDb is); an SQLite API never loads it. */
export function postgresDriver(): typeof pg {
  if (pgDriver) return pgDriver;
  pgDriver = require("pg") as typeof pg;
  // COUNT(*) and SUM() come back from node-postgres as strings (int8/numeric); the app's numbers fit in a double.
  pgDriver.types.setTypeParser(pgDriver.types.builtins.INT8, (v) => Number(v));
  pgDriver.types.setTypeParser(pgDriver.types.builtins.NUMERIC, (v) => Number(v));
  return pgDriver;
}
