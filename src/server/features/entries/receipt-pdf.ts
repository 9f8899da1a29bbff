import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { PDFFont } from "pdf-lib";
import { fontkit, pdfLib } from "../../shared/heavy-libs";
import type { EntryRound } from "../../../domain/entries/entries.config";
import type { Receipt } from "../../../domain/entries/entries.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import type { Unit } from "../../../domain/units/unit.schema";
import { parseDraft } from "./entries.repository";
import type { EntryRow } from "./entries.table";

// DejaVu Serif covers Vietnamese; read once.
let fontBytes: Buffer | null = null;
function font(): Buffer {
  if (!fontBytes) {
    const dir = path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json"));
    fontBytes = readFileSync(path.join(dir, "ttf", "DejaVuSerif.ttf"));
  }
  return fontBytes;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;

function wrap(text: string, f: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (f.widthOfTextAtSize(next, size) <= width) line = next;
      else {
        if (line) lines.push(line);
        // A single overlong token (a hash, a URL) is cut to fit.
        let w = word;
        while (f.widthOfTextAtSize(w, size) > width) {
          let n = w.length;
          while (n > 1 && f.widthOfTextAtSize(w.slice(0, n), size) > width) n--;
          lines.push(w.slice(0, n));
          w = w.slice(n);
        }
        line = w;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The receipt as a PDF: entry number, server time, files with size and SHA-256, the SHA-256 of the
 * whole submission; with `withForm` (the ZIP's summary) the submitted form follows.
 */
export async function receiptPdf(round: EntryRound, unit: Unit, entry: EntryRow, receipt: Receipt, withForm = false): Promise<Uint8Array> {
  const { PDFDocument, rgb } = await pdfLib();
  const doc = await PDFDocument.create();
  doc.registerFontkit(await fontkit());
  const f = await doc.embedFont(font(), { subset: true });
  doc.setTitle(`Biên nhận ${receipt.entryCode}`);
  doc.setProducer("Học vụ AI");
  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const width = A4[0] - 2 * MARGIN;
  const write = (text: string, size = 11, gap = 4, color = rgb(0, 0, 0)) => {
    for (const line of wrap(text, f, size, width)) {
      if (y < MARGIN + size) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
      }
      page.drawText(line, { x: MARGIN, y: y - size, size, font: f, color });
      y -= size + gap;
    }
  };
  write("BIÊN NHẬN HỒ SƠ DỰ THI", 16, 8);
  write(round.name, 12, 10);
  write(`Số hồ sơ: ${receipt.entryCode}`, 12);
  write(`Đơn vị: ${unit.name} (${unit.code})`);
  write(`Nộp lúc (giờ máy chủ, Việt Nam): ${formatVnDateTime(receipt.submittedAt)} — ${receipt.submittedAt}`);
  write(`Phiên bản: ${receipt.version}`, 11, 10);
  write(`Tệp đính kèm (${receipt.files.length}):`, 12, 6);
  receipt.files.forEach((file, i) => {
    write(`${i + 1}. ${file.name} — ${file.size.toLocaleString("vi-VN")} byte`);
    write(`SHA-256: ${file.sha256}`, 8, 6, rgb(0.3, 0.3, 0.3));
  });
  y -= 6;
  write("Mã SHA-256 của toàn bộ hồ sơ:", 12, 4);
  write(receipt.sha256, 9, 12);
  if (withForm) {
    const draft = parseDraft(entry.draftJson);
    write("NỘI DUNG HỒ SƠ", 13, 8);
    for (const field of round.fields) {
      write(field.label, 11, 2);
      write(draft.fields[field.key] || "—", 10, 8, rgb(0.15, 0.15, 0.15));
    }
    if (draft.videoUrl) write(`Video: ${draft.videoUrl}`, 10, 8);
    const r = draft.representative;
    write(`Người đại diện: ${r.fullName}, ${r.position} — ${r.phone} — ${r.email}`, 10, 4);
    write(`Đồng ý công bố trong thư viện sản phẩm: ${r.publishConsent ? "Có" : "Không"}`, 10, 8);
  }
  write("Kiểm tra: tính SHA-256 của từng tệp (sha256sum) và so với biên nhận này.", 9, 4, rgb(0.3, 0.3, 0.3));
  return doc.save();
}
