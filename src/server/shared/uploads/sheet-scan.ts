import type { Entry, ZipFile } from "yauzl";
import { yauzl } from "../heavy-libs";

/** Caps on what an XLSX may ask the parser to build (exceljs checks every merge against every earlier one). */
export type SheetCaps = { maxRows: number; maxColumns: number; maxMerges: number };

export type SheetScan = { entry: string; rows: number; merges: number; maxColumn: number };

export type SheetCapBreach = { limit: "rows" | "columns" | "merges"; message: string };

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Stream every worksheet's XML (inflating, never building a DOM) and count rows, merged ranges and
 * the widest column. Linear in the sheet size, which the ZIP guard has already bounded.
 */
export async function scanXlsxSheets(bytes: Uint8Array): Promise<SheetScan[]> {
  const reader = await yauzl();
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    reader.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true }, (err, z) => (err || !z ? reject(err ?? new Error("zip")) : resolve(z))),
  );
  const scans: SheetScan[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", () => resolve());
    zip.on("entry", (e: Entry) => {
      if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(e.fileName)) return zip.readEntry();
      zip.openReadStream(e, (err, stream) => {
        if (err || !stream) return reject(err ?? new Error("zip entry"));
        const scan: SheetScan = { entry: e.fileName, rows: 0, merges: 0, maxColumn: 0 };
        let tail = "";
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => {
          // Keep everything from the last "<" for the next chunk: a tag split across chunks is seen once, whole.
          const text = tail + chunk;
          const last = text.lastIndexOf("<");
          const cut = last < 0 ? text.length : last;
          const body = text.slice(0, cut);
          scan.rows += body.match(/<row[\s>]/g)?.length ?? 0;
          scan.merges += body.match(/<mergeCell[\s>/]/g)?.length ?? 0;
          for (const m of body.matchAll(/<c r="([A-Z]{1,3})\d/g)) scan.maxColumn = Math.max(scan.maxColumn, colNumber(m[1]!));
          tail = text.slice(cut);
        });
        stream.on("error", reject);
        stream.on("end", () => {
          scan.rows += tail.match(/<row[\s>]/g)?.length ?? 0;
          scan.merges += tail.match(/<mergeCell[\s>/]/g)?.length ?? 0;
          for (const m of tail.matchAll(/<c r="([A-Z]{1,3})\d/g)) scan.maxColumn = Math.max(scan.maxColumn, colNumber(m[1]!));
          scans.push(scan);
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  zip.close();
  return scans;
}

const n = (v: number) => v.toLocaleString("vi-VN");

/** The first cap a scanned workbook breaks, with a Vietnamese message naming the limit. */
export function sheetCapBreach(scans: readonly SheetScan[], caps: SheetCaps): SheetCapBreach | null {
  for (const s of scans) {
    if (s.merges > caps.maxMerges) return { limit: "merges", message: `Trang tính có quá nhiều ô gộp (${n(s.merges)}; tối đa ${n(caps.maxMerges)}). Vui lòng bỏ gộp ô rồi gửi lại.` };
    if (s.rows > caps.maxRows) return { limit: "rows", message: `Trang tính có quá nhiều dòng (${n(s.rows)}; tối đa ${n(caps.maxRows)}).` };
    if (s.maxColumn > caps.maxColumns) return { limit: "columns", message: `Trang tính có quá nhiều cột (${n(s.maxColumn)}; tối đa ${n(caps.maxColumns)}).` };
  }
  return null;
}
