import { z } from "zod";
import { ENTRIES_API as P, entriesPath } from "../../../domain/entries/entries.endpoints";
import * as S from "../../../domain/entries/entries.schema";
import { ApiErrorSchema } from "../../../domain/shared/errors";
import { api, ApiRequestError } from "../../shared/api/api-client";
import { apiBase } from "../../shared/config/env";

const at = (template: string, round: string, unit = "", extra: Record<string, string> = {}) => entriesPath(template, { round, unit, ...extra });

/** A stale save: the server's current text comes with the error. */
export class DraftConflict extends Error {
  constructor(readonly current: NonNullable<S.DraftConflict["current"]>) {
    super("draft conflict");
  }
}

export const entriesClient = {
  view: (round: string, unit: string) => api.get(at(P.entry, round, unit), S.EntryViewSchema),
  join: (round: string, unit: string, invite: string) => api.post(at(P.join, round, unit), S.EntryViewSchema, { invite }),
  /** PUT the draft; a 409 with the current text becomes DraftConflict (fetch by hand: api-client drops extra fields). */
  async save(round: string, unit: string, body: S.SaveDraftRequest, token: string | null): Promise<S.SaveDraftResponse> {
    let res: Response;
    try {
      res = await fetch(`${apiBase}${at(P.draft, round, unit)}`, {
        method: "PUT",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    } catch (err) {
      throw new ApiRequestError("NETWORK", 0, (err as Error).message);
    }
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) return S.SaveDraftResponseSchema.parse(json);
    const conflict = S.DraftConflictSchema.safeParse(json);
    if (res.status === 409 && conflict.success && conflict.data.current) throw new DraftConflict(conflict.data.current);
    const e = ApiErrorSchema.safeParse(json);
    if (e.success) throw new ApiRequestError(e.data.error.code, res.status, e.data.error.message, e.data.error.fields);
    throw new ApiRequestError(res.status >= 500 ? "NETWORK" : "BAD_RESPONSE", res.status, `HTTP ${res.status}`);
  },
  uploadToken: (round: string, unit: string) => api.post(at(P.uploadToken, round, unit), S.UploadTokenResponseSchema),
  removeFile: (round: string, unit: string, fileId: string) => api.delete(at(P.file, round, unit, { fileId }), S.RemoveFileResponseSchema),
  submit: (round: string, unit: string, version: number) => api.post(at(P.submit, round, unit), S.ReceiptResponseSchema, { version }),
  withdraw: (round: string, unit: string) => api.post(at(P.withdraw, round, unit), S.WithdrawResponseSchema),
  inviteLink: (round: string, unit: string) => api.get(at(P.inviteLink, round, unit), S.InviteLinkResponseSchema),
  overview: (round: string) => api.get(at(P.overview, round), S.RoundOverviewResponseSchema),
  invitations: (round: string) => api.post(at(P.invitations, round), S.InvitationsResponseSchema),
  remind: (round: string) => api.post(at(P.remind, round), S.InvitationsResponseSchema),
  demoQualify: (round: string) => api.post(at(P.demoQualify, round), S.InvitationsResponseSchema),
  extend: (round: string, body: z.input<typeof S.ExtendDeadlineRequestSchema>) => api.post(at(P.deadline, round), S.ExtendDeadlineResponseSchema, body),
};

export const receiptPdfPath = (round: string, unit: string) => at(P.receiptPdf, round, unit);
export const exportZipPath = (round: string) => at(P.exportZip, round);
export const indexXlsxPath = (round: string) => at(P.indexXlsx, round);
export const DOWNLOAD_LINK_PATH = P.downloadLink;

/** The server's answer to an upload (also what Zalo's picker hands back as text). */
export function parseUploadAnswer(status: number, text: string): S.UploadResponse {
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const ok = S.UploadResponseSchema.safeParse(json);
  if (status < 400 && ok.success) return ok.data;
  const e = ApiErrorSchema.safeParse(json);
  if (e.success) throw new ApiRequestError(e.data.error.code, status, e.data.error.message, e.data.error.fields);
  throw new ApiRequestError(status === 0 || status >= 500 ? "NETWORK" : "BAD_RESPONSE", status, `HTTP ${status}`);
}

/** Browser upload with real progress (fetch cannot report it); `onProgress` gets 0…1. */
export function uploadWithProgress(url: string, file: File, onProgress: (f: number) => void): { promise: Promise<S.UploadResponse>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<S.UploadResponse>((resolve, reject) => {
    xhr.open("POST", `${apiBase}${url}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      try {
        resolve(parseUploadAnswer(xhr.status, xhr.responseText));
      } catch (err) {
        reject(err as Error);
      }
    };
    xhr.onerror = () => reject(new ApiRequestError("NETWORK", 0, "upload failed"));
    xhr.onabort = () => reject(new ApiRequestError("UPLOAD_INTERRUPTED", 0, "aborted"));
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/**
 * Save a file of this feature: in a browser fetched with the session and saved from a blob; in
 * Zalo through a 5-minute signed link handed to Zalo's downloader.
 */
export async function downloadEntriesFile(path: string, fileName: string, token: string | null, insideZalo: boolean, toDevice: (url: string) => Promise<void>): Promise<void> {
  if (insideZalo) {
    const link = await api.post(DOWNLOAD_LINK_PATH, S.DownloadLinkResponseSchema, { path });
    await toDevice(new URL(`${apiBase}${link.url}`, window.location.href).toString());
    return;
  }
  let res: Response;
  try {
    res = await fetch(`${apiBase}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch (err) {
    throw new ApiRequestError("NETWORK", 0, (err as Error).message);
  }
  if (!res.ok) {
    const e = ApiErrorSchema.safeParse(await res.json().catch(() => null));
    throw e.success ? new ApiRequestError(e.data.error.code, res.status, e.data.error.message) : new ApiRequestError("BAD_RESPONSE", res.status, `HTTP ${res.status}`);
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
