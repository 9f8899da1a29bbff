import yauzl from "yauzl";

/**
 * Central-directory checks for DOCX/PPTX/XLSX before anything opens them (the blind copy, a
 * judge's Office): a ZIP bomb declares huge uncompressed sizes or ratios, or thousands of parts.
 * (Small module of the entries feature; the hardening helper's shared zip-guard can replace it.)
 */
export const ZIP_LIMITS = { maxEntries: 5000, maxTotalUncompressed: 300 * 1024 * 1024, maxRatio: 200, maxEntryUncompressed: 150 * 1024 * 1024 };

export type ZipVerdict = { ok: true } | { ok: false; reason: string };

export function checkOfficeZip(file: string, limits = ZIP_LIMITS): Promise<ZipVerdict> {
  return new Promise((resolve) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return resolve({ ok: false, reason: `not a readable zip: ${err?.message ?? "unknown"}` });
      if (zip.entryCount > limits.maxEntries) {
        zip.close();
        return resolve({ ok: false, reason: `${zip.entryCount} parts` });
      }
      let total = 0;
      let done = false;
      const finish = (v: ZipVerdict) => {
        if (done) return;
        done = true;
        zip.close();
        resolve(v);
      };
      zip.on("entry", (e: yauzl.Entry) => {
        total += e.uncompressedSize;
        const ratio = e.compressedSize > 0 ? e.uncompressedSize / e.compressedSize : e.uncompressedSize > 0 ? Infinity : 1;
        if (e.uncompressedSize > limits.maxEntryUncompressed) return finish({ ok: false, reason: `${e.fileName} expands to ${e.uncompressedSize} bytes` });
        if (e.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio) return finish({ ok: false, reason: `${e.fileName} ratio ${ratio.toFixed(0)}` });
        if (total > limits.maxTotalUncompressed) return finish({ ok: false, reason: `expands to more than ${limits.maxTotalUncompressed} bytes` });
        zip.readEntry();
      });
      zip.on("end", () => finish({ ok: true }));
      zip.on("error", (e: Error) => finish({ ok: false, reason: e.message }));
      zip.readEntry();
    });
  });
}
