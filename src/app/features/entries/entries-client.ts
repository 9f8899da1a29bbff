import { entriesEndpoints as E } from "../../../domain/entries/entries.endpoints";
import { UploadResponseSchema, type UploadResponse } from "../../../domain/entries/entries.schema";
import { pickFileAndUpload } from "../../fence/zalo";
import { call, urlOf } from "../../shared/api/call";
import { absoluteApiUrl, downloadApiFile, parseUploadAnswer, uploadFileWithProgress } from "../../shared/api/transfer";

/** Zalo's file picker uploading to a single-use URL; null when the person closed the picker. */
export async function pickAndUpload(uploadUrl: string): Promise<UploadResponse | null> {
  const text = await pickFileAndUpload(absoluteApiUrl(uploadUrl));
  return text === null ? null : parseUploadAnswer(UploadResponseSchema, 200, text);
}

/** Browser upload to the single-use URL, with progress 0…1. */
export function uploadEntryFile(uploadUrl: string, file: File, onProgress: (fraction: number) => void) {
  return uploadFileWithProgress({ url: absoluteApiUrl(uploadUrl), file, schema: UploadResponseSchema, onProgress });
}

/**
 * Save one of this feature's files: the session in a browser, a 5-minute signed link in Zalo.
 * The link is signed for the path alone; a query (one unit of the ZIP) is added to it.
 */
function download(path: string, query: string, fileName: string, token: string | null): Promise<void> {
  const link = async () => {
    const r = await call(E.downloadLink, { body: { path } });
    return query ? { ...r, url: `${r.url}&${query}` } : r;
  };
  return downloadApiFile({ path: query ? `${path}?${query}` : path, link, fileName, token });
}

export const entriesDownloads = {
  receiptPdf: (round: string, unit: string, entryCode: string, token: string | null) =>
    download(urlOf(E.receiptPdf, { params: { round, unit } }), "", `bien-nhan-${entryCode}.pdf`, token),
  exportZip: (round: string, token: string | null, unit?: string) =>
    download(urlOf(E.exportZip, { params: { round } }), unit ? `unit=${encodeURIComponent(unit)}` : "", `ho-so-${unit ?? round}.zip`, token),
  indexXlsx: (round: string, token: string | null) => download(urlOf(E.indexXlsx, { params: { round } }), "", `danh-sach-${round}.xlsx`, token),
};
