import type { Entry, ZipFile } from "yauzl";
import { yauzl } from "../heavy-libs";

/** Caps for one ZIP container (XLSX, DOCX, PPTX are ZIPs); checked from the central directory only. */
export type ZipLimits = {
  /** Sum of the entries' uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio of any entry (deflate of real documents stays well under 100). */
  maxRatio: number;
  maxEntries: number;
};

/** Generous for a 10,000-person staff list or a slide deck; a ZIP bomb's 400 MiB of sheet XML is far over. */
export const OFFICE_ZIP_LIMITS: ZipLimits = { maxUncompressedBytes: 64 * 1024 * 1024, maxRatio: 120, maxEntries: 2_000 };

export type ZipLimitName = "uncompressed" | "ratio" | "entries" | "unreadable";

export type ZipEntryInfo = { name: string; compressedSize: number; uncompressedSize: number };
export type ZipReport = { entries: ZipEntryInfo[]; uncompressedTotal: number; maxRatio: number };

/** The file breaks a limit; `message` is Vietnamese and names the limit. */
export class ZipLimitError extends Error {
  override name = "ZipLimitError";
  constructor(
    readonly limit: ZipLimitName,
    override readonly message: string,
  ) {
    super(message);
  }
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * Read the ZIP's central directory (no entry is inflated) and refuse it when the declared sizes
 * break a limit. Declared sizes can lie; the parser's own caps and the worker's memory limit catch that.
 */
export async function inspectZip(bytesOrPath: Buffer | string, limits: ZipLimits = OFFICE_ZIP_LIMITS): Promise<ZipReport> {
  const reader = await yauzl();
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    const done = (err: Error | null, z?: ZipFile) => (err || !z ? reject(new ZipLimitError("unreadable", "Tệp bị hỏng hoặc không đúng định dạng (không đọc được cấu trúc ZIP).")) : resolve(z));
    if (typeof bytesOrPath === "string") reader.open(bytesOrPath, { lazyEntries: true, autoClose: true }, done);
    else reader.fromBuffer(bytesOrPath, { lazyEntries: true }, done);
  });
  // The directory says how many entries follow: refuse before walking a million of them.
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ZipLimitError("entries", `Tệp chứa quá nhiều thành phần (${zip.entryCount.toLocaleString("vi-VN")}; tối đa ${limits.maxEntries.toLocaleString("vi-VN")}).`);
  }
  return new Promise<ZipReport>((resolve, reject) => {
    const entries: ZipEntryInfo[] = [];
    let uncompressedTotal = 0;
    let maxRatio = 0;
    const fail = (err: Error) => {
      zip.close();
      reject(err);
    };
    zip.on("error", () => fail(new ZipLimitError("unreadable", "Tệp bị hỏng hoặc không đúng định dạng (không đọc được cấu trúc ZIP).")));
    zip.on("entry", (e: Entry) => {
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      uncompressedTotal += e.uncompressedSize;
      maxRatio = Math.max(maxRatio, ratio);
      entries.push({ name: e.fileName, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize });
      if (uncompressedTotal > limits.maxUncompressedBytes)
        return fail(new ZipLimitError("uncompressed", `Tệp khi giải nén quá lớn (hơn ${mb(uncompressedTotal)}; tối đa ${mb(limits.maxUncompressedBytes)}).`));
      // Tiny entries compress absurdly well (a blank sheet); only judge the ratio of entries that matter.
      if (e.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio)
        return fail(new ZipLimitError("ratio", `Tệp có thành phần nén bất thường (tỷ lệ nén ${Math.round(ratio)}:1; tối đa ${limits.maxRatio}:1) — có thể là tệp độc hại.`));
      zip.readEntry();
    });
    zip.on("end", () => {
      zip.close();
      resolve({ entries, uncompressedTotal, maxRatio });
    });
    zip.readEntry();
  });
}
