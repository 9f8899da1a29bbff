import { pdfLib } from "../../shared/heavy-libs";
import { formatVnd, newPdf, vnLongDate, wrap } from "../../shared/pdf";
import type { Official } from "./prizes.service";

const A4: [number, number] = [595.28, 841.89];

/** The official results notice: A4 portrait, Vietnamese, decision number and date, SHA-256 of the CSV. */
export async function resultsNoticePdf(o: Official & { sha256: string }, meta: { organizer: string; contestName: string }): Promise<Uint8Array> {
  const { doc, regular, bold } = await newPdf("Thông báo kết quả cuộc thi");
  let page = doc.addPage(A4);
  let y = A4[1] - 60;
  const ink = (await pdfLib()).rgb(0.05, 0.05, 0.1);
  const line = (text: string, size = 12, font = regular, center = false) => {
    for (const l of wrap(text, font, size, A4[0] - 120)) {
      if (y < 60) {
        page = doc.addPage(A4);
        y = A4[1] - 60;
      }
      const x = center ? (A4[0] - font.widthOfTextAtSize(l, size)) / 2 : 60;
      page.drawText(l, { x, y, size, font, color: ink });
      y -= size + 6;
    }
  };
  line(meta.organizer.toUpperCase(), 12, bold, true);
  line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập – Tự do – Hạnh phúc", 10, regular, true);
  y -= 16;
  line("THÔNG BÁO KẾT QUẢ", 18, bold, true);
  line(`Cuộc thi “${meta.contestName}”`, 13, regular, true);
  y -= 10;
  line(`Căn cứ Quyết định số ${o.decisionNumber}, ${vnLongDate(o.decisionDate)}, Ban Tổ chức thông báo kết quả trao giải như sau:`);
  y -= 6;
  let current = "";
  o.awards.forEach((a) => {
    if (a.prizeName !== current) {
      current = a.prizeName;
      y -= 6;
      line(`${a.prizeName} (${formatVnd(a.amountVnd)} mỗi giải)`, 13, bold);
    }
    line(`• ${a.unitName} — “${a.title}”`);
  });
  y -= 12;
  line(`Mã SHA-256 của tệp kết quả (CSV): ${o.sha256}`, 9);
  return doc.save({ useObjectStreams: false });
}
