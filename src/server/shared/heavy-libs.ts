/**
 * Libraries only exports and documents need, loaded on first use: exceljs, pdf-lib with fontkit
 * and qrcode hold ≈ 75 MiB resident together, and the deadline surge (sign in, test, save) uses
 * none of them. Import their types statically; their code only through these.
 */
export const exceljs = async () => (await import("exceljs")).default;
export const pdfLib = () => import("pdf-lib");
export const fontkit = async () => (await import("@pdf-lib/fontkit")).default;
export const qrcode = async () => (await import("qrcode")).default;
