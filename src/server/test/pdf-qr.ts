import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";
import jsQR from "jsqr";
import { PDFDocument, PDFName, PDFNumber, PDFRawStream } from "pdf-lib";
import { PNG } from "pngjs";

function decode(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  return jsQR(rgba, width, height)?.data ?? null;
}

/** poppler's pdftoppm, when the machine has it: render page 1 as a person would see it. */
function hasPdftoppm(): boolean {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function qrFromRenderedPage(pdf: Uint8Array): string | null {
  const dir = mkdtempSync(path.join(tmpdir(), "hvai-qr-"));
  try {
    writeFileSync(path.join(dir, "c.pdf"), pdf);
    execFileSync("pdftoppm", ["-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", path.join(dir, "c.pdf"), path.join(dir, "page")]);
    const png = PNG.sync.read(readFileSync(path.join(dir, "page.png")));
    return decode(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Without poppler: read the page's RGB image XObjects (pdf-lib stores them Flate-compressed) and decode those. */
async function qrFromEmbeddedImages(pdf: Uint8Array): Promise<string | null> {
  const doc = await PDFDocument.load(pdf);
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue;
    const d = obj.dict;
    if (d.get(PDFName.of("Subtype")) !== PDFName.of("Image") || d.get(PDFName.of("ColorSpace")) !== PDFName.of("DeviceRGB")) continue;
    const width = (d.get(PDFName.of("Width")) as PDFNumber).asNumber();
    const height = (d.get(PDFName.of("Height")) as PDFNumber).asNumber();
    const rgb = inflateSync(obj.contents);
    if (rgb.length < width * height * 3) continue;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      rgba[4 * i] = rgb[3 * i]!;
      rgba[4 * i + 1] = rgb[3 * i + 1]!;
      rgba[4 * i + 2] = rgb[3 * i + 2]!;
      rgba[4 * i + 3] = 255;
    }
    const data = decode(rgba, width, height);
    if (data) return data;
  }
  return null;
}

/**
 * The text of the QR code on a PDF's first page. With pdftoppm (Debian's poppler-utils) the page is
 * rendered and the picture decoded; on a machine with only Node the QR image inside the PDF is
 * decoded instead, so `npm test` needs nothing installed.
 */
export async function qrFromPdf(pdf: Uint8Array): Promise<string> {
  const data = hasPdftoppm() ? qrFromRenderedPage(pdf) : await qrFromEmbeddedImages(pdf);
  if (!data) throw new Error("no QR code found in the PDF");
  return data;
}

export const qrFromPdfWithoutRenderer = async (pdf: Uint8Array) => {
  const data = await qrFromEmbeddedImages(pdf);
  if (!data) throw new Error("no QR code image in the PDF");
  return data;
};
