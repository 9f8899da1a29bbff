import { pdfLib, qrcode } from "../../shared/heavy-libs";
import { newPdf, vnLongDate, wrap } from "../../shared/pdf";

export type CertificateContent =
  | { kind: "award"; organizer: string; contestName: string; unitName: string; prizeName: string; entryTitle: string; decisionNumber: string; decisionDate: string }
  | { kind: "participation"; organizer: string; contestName: string; personName: string; unitName: string; issuedOn: string };

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];

/** One A4 landscape page: heading, who, what, decision, and a QR code to the public check page. */
export async function renderCertificate(content: CertificateContent, verifyUrl: string): Promise<Uint8Array> {
  const { doc, regular, bold } = await newPdf(content.kind === "award" ? "Giấy chứng nhận đạt giải" : "Giấy chứng nhận hoàn thành");
  const { degrees, rgb } = await pdfLib();
  const DARK = rgb(0.1, 0.15, 0.3);
  const RED = rgb(0.65, 0.1, 0.1);
  const page = doc.addPage(A4_LANDSCAPE);
  const [w, h] = A4_LANDSCAPE;
  page.drawRectangle({ x: 24, y: 24, width: w - 48, height: h - 48, borderColor: RED, borderWidth: 3 });
  page.drawRectangle({ x: 32, y: 32, width: w - 64, height: h - 64, borderColor: DARK, borderWidth: 1 });
  const center = (text: string, y: number, size: number, font = regular, color = DARK) => {
    for (const [i, line] of wrap(text, font, size, w - 220).entries()) page.drawText(line, { x: (w - font.widthOfTextAtSize(line, size)) / 2, y: y - i * (size + 6), size, font, color });
  };
  center("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", h - 70, 13, bold);
  center("Độc lập – Tự do – Hạnh phúc", h - 88, 12);
  center(content.organizer.toUpperCase(), h - 122, 13, bold);
  center(content.kind === "award" ? "GIẤY CHỨNG NHẬN" : "GIẤY CHỨNG NHẬN HOÀN THÀNH", h - 175, 30, bold, RED);
  center(`Cuộc thi “${content.contestName}”`, h - 210, 14);
  if (content.kind === "award") {
    center("Chứng nhận", h - 250, 14);
    center(content.unitName, h - 280, 22, bold);
    center(`đã đạt ${content.prizeName}`, h - 315, 18, bold, RED);
    center(`với sản phẩm “${content.entryTitle}”`, h - 345, 14);
    center(`Theo Quyết định số ${content.decisionNumber}, ${vnLongDate(content.decisionDate)}`, h - 395, 12);
  } else {
    center("Chứng nhận Ông/Bà", h - 250, 14);
    center(content.personName, h - 282, 22, bold);
    center(content.unitName, h - 312, 14);
    center("đã hoàn thành Giai đoạn 1 – Nâng cao năng lực (14 bài giảng và bài kiểm tra)", h - 345, 14);
    center(`Cấp ${vnLongDate(content.issuedOn)}`, h - 395, 12);
  }
  const png = await (await qrcode()).toBuffer(verifyUrl, { errorCorrectionLevel: "M", margin: 2, width: 300 });
  const qr = await doc.embedPng(png);
  page.drawImage(qr, { x: 60, y: 52, width: 110, height: 110 });
  page.drawText("Kiểm tra giấy chứng nhận:", { x: 180, y: 110, size: 9, font: regular, color: DARK });
  page.drawText(verifyUrl, { x: 180, y: 96, size: 9, font: regular, color: DARK });
  page.drawText("Học vụ AI", { x: w - 130, y: 60, size: 10, font: bold, color: DARK, rotate: degrees(0) });
  return doc.save({ useObjectStreams: false });
}
