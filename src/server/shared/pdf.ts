import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { PDFDocument, PDFFont } from "pdf-lib";
import { fontkit, pdfLib } from "./heavy-libs";

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
let fonts: { regular: Uint8Array; bold: Uint8Array } | null = null;

/** A Times-like serif with every Vietnamese diacritic, read once. */
function fontBytes() {
  fonts ??= { regular: readFileSync(path.join(fontDir, "DejaVuSerif.ttf")), bold: readFileSync(path.join(fontDir, "DejaVuSerif-Bold.ttf")) };
  return fonts;
}

export async function newPdf(title: string): Promise<{ doc: PDFDocument; regular: PDFFont; bold: PDFFont }> {
  const doc = await (await pdfLib()).PDFDocument.create();
  doc.registerFontkit(await fontkit());
  doc.setTitle(title);
  doc.setCreator("Học vụ AI");
  doc.setProducer("Học vụ AI (pdf-lib)");
  // Fixed dates: the same content gives the same bytes, so a reissue keeps its SHA-256.
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const { regular, bold } = fontBytes();
  return { doc, regular: await doc.embedFont(regular, { subset: true }), bold: await doc.embedFont(bold, { subset: true }) };
}

/** Lines that fit `width` at `size`, broken at spaces. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

/** "ngày 25 tháng 6 năm 2026" from YYYY-MM-DD. */
export function vnLongDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return `ngày ${String(d).padStart(2, "0")} tháng ${String(m).padStart(2, "0")} năm ${y}`;
}

export const formatVnd = (n: number) => `${n.toLocaleString("vi-VN").replace(/,/g, ".")} đồng`;
