import type { DownloadLinkResponse } from "../../../domain/ranking/ranking.schema";
import { stagesEndpoints } from "../../../domain/stages/stages.endpoints";
import { type RosterImportResponse, RosterImportResponseSchema } from "../../../domain/units/roster.schema";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { downloadToDevice, isInsideZalo } from "../../fence/zalo";
import type { z } from "zod";
import { ApiRequestError, errorFromResponse } from "./api-client";
import { apiUrl, urlOf } from "./call";
import { apiBase } from "../config/env";

/** The API's absolute address for a path (Zalo's downloader needs a full https URL). */
export function absoluteApiUrl(path: string): string {
  return new URL(`${apiBase}${path}`, window.location.href).toString();
}

/**
 * Download a file the API makes for the signed-in person. `path` is the file endpoint's URL
 * (`urlOf(reportsEndpoints.unitReport, …)`); `link` asks its signed-link twin (null for public files).
 * Browser: fetch it with the bearer token and save the blob through a link with `download`.
 * Zalo: its WebView cannot save blobs, so ask for a 5-minute signed link and hand it to Zalo's
 * downloader (the system browser if the downloader is not allowed).
 */
export async function downloadApiFile(opts: { path: string; link: (() => Promise<DownloadLinkResponse>) | null; fileName: string; token: string | null }): Promise<void> {
  if (isInsideZalo()) {
    const url = opts.link ? (await opts.link()).url : opts.path;
    await downloadToDevice(absoluteApiUrl(url));
    return;
  }
  let res: Response;
  try {
    res = await fetch(`${apiBase}${opts.path}`, { headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {} });
  } catch (err) {
    throw new ApiRequestError("NETWORK", 0, (err as Error).message);
  }
  if (!res.ok) throw errorFromResponse(res.status, await res.text());
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = opts.fileName;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export type UploadHandle = { promise: Promise<RosterImportResponse>; abort: () => void };

/** Upload a staff list with real upload progress (fetch cannot report it); `onProgress` gets 0…1. */
export function uploadRoster(opts: { unitCode: string; file: File; replace: boolean; token: string | null; onProgress: (fraction: number) => void }): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<RosterImportResponse>((resolve, reject) => {
    xhr.open("POST", apiUrl(unitsEndpoints.importRoster, { params: { code: opts.unitCode }, query: opts.replace ? { replace: "1" } : undefined }));
    if (opts.token) xhr.setRequestHeader("authorization", `Bearer ${opts.token}`);
    xhr.timeout = 120_000;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => opts.onProgress(1);
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(errorFromResponse(xhr.status, xhr.responseText));
      try {
        const parsed = RosterImportResponseSchema.safeParse(JSON.parse(xhr.responseText));
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiRequestError("BAD_RESPONSE", xhr.status, parsed.error.message));
      } catch {
        reject(new ApiRequestError("BAD_RESPONSE", xhr.status, "not JSON"));
      }
    };
    xhr.onerror = () => reject(new ApiRequestError("NETWORK", 0, "upload failed"));
    xhr.ontimeout = () => reject(new ApiRequestError("NETWORK", 0, "upload timed out"));
    xhr.onabort = () => reject(new DOMException("aborted", "AbortError"));
    const form = new FormData();
    form.append("file", opts.file, opts.file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/**
 * Upload one file as multipart (field `file`) to an absolute URL with real progress (0…1), the
 * answer parsed with the endpoint's schema. For URLs that carry their own single-use token (no
 * header needed); aborting rejects with UPLOAD_INTERRUPTED.
 */
export function uploadFileWithProgress<S extends z.ZodType>(opts: { url: string; file: File; schema: S; onProgress: (fraction: number) => void }): { promise: Promise<z.output<S>>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<z.output<S>>((resolve, reject) => {
    xhr.open("POST", opts.url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      try {
        resolve(parseUploadAnswer(opts.schema, xhr.status, xhr.responseText));
      } catch (err) {
        reject(err as Error);
      }
    };
    xhr.onerror = () => reject(new ApiRequestError("NETWORK", 0, "upload failed"));
    xhr.onabort = () => reject(new ApiRequestError("UPLOAD_INTERRUPTED", 0, "aborted"));
    const form = new FormData();
    form.append("file", opts.file, opts.file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** An upload's answer (also what Zalo's file picker hands back as text, status unknown = 200). */
export function parseUploadAnswer<S extends z.ZodType>(schema: S, status: number, text: string): z.output<S> {
  if (status < 200 || status >= 300) throw errorFromResponse(status, text);
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const ok = schema.safeParse(json);
  if (ok.success) return ok.data;
  // Zalo's picker passes the server's error body on as text.
  const err = errorFromResponse(400, text);
  throw err.code === "BAD_RESPONSE" ? new ApiRequestError("BAD_RESPONSE", status, "unexpected upload answer") : err;
}

/** The published Stage 1 ranking (public CSV; its SHA-256 is shown beside the button). */
export function downloadSnapshotCsv(): Promise<void> {
  return downloadApiFile({ path: urlOf(stagesEndpoints.snapshotCsv, { params: { stageId: "stage1" } }), link: null, fileName: "xep-hang-giai-doan-1.csv", token: null });
}

/**
 * Upload one file (multipart field `file`) to an endpoint with real upload progress, the answer
 * parsed with the endpoint's declared 200 schema. `onProgress` gets 0…1.
 */
export function uploadFileTo<T>(opts: { url: string; schema: z.ZodType<T>; file: File; token: string | null; onProgress: (fraction: number) => void }): { promise: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open("POST", opts.url);
    if (opts.token) xhr.setRequestHeader("authorization", `Bearer ${opts.token}`);
    xhr.timeout = 120_000;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => opts.onProgress(1);
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(errorFromResponse(xhr.status, xhr.responseText));
      try {
        const parsed = opts.schema.safeParse(JSON.parse(xhr.responseText));
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiRequestError("BAD_RESPONSE", xhr.status, parsed.error.message));
      } catch {
        reject(new ApiRequestError("BAD_RESPONSE", xhr.status, "not JSON"));
      }
    };
    xhr.onerror = () => reject(new ApiRequestError("NETWORK", 0, "upload failed"));
    xhr.ontimeout = () => reject(new ApiRequestError("NETWORK", 0, "upload timed out"));
    xhr.onabort = () => reject(new DOMException("aborted", "AbortError"));
    const form = new FormData();
    form.append("file", opts.file, opts.file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
