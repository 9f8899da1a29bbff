import type { StageId } from "../../../domain/contest/contest.schema";
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

export type UploadHandle<T = RosterImportResponse> = { promise: Promise<T>; abort: () => void };

/**
 * POST one file (multipart field `file`) with real upload progress (fetch cannot report it):
 * `onProgress` gets 0…1 (and 1 once the bytes are sent when `progressOnSent`); `parse` reads the
 * answer; an abort rejects with `aborted()`.
 */
function sendFile<T>(opts: {
  url: string;
  file: File;
  token?: string | null;
  timeoutMs?: number;
  progressOnSent?: boolean;
  onProgress: (fraction: number) => void;
  parse: (status: number, text: string) => T;
  aborted: () => Error;
}): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open("POST", opts.url);
    if (opts.token) xhr.setRequestHeader("authorization", `Bearer ${opts.token}`);
    if (opts.timeoutMs) xhr.timeout = opts.timeoutMs;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress(e.loaded / e.total);
    };
    if (opts.progressOnSent) xhr.upload.onload = () => opts.onProgress(1);
    xhr.onload = () => {
      try {
        resolve(opts.parse(xhr.status, xhr.responseText));
      } catch (err) {
        reject(err as Error);
      }
    };
    xhr.onerror = () => reject(new ApiRequestError("NETWORK", 0, "upload failed"));
    xhr.ontimeout = () => reject(new ApiRequestError("NETWORK", 0, "upload timed out"));
    xhr.onabort = () => reject(opts.aborted());
    const form = new FormData();
    form.append("file", opts.file, opts.file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** Our API's answer to an upload: an error body becomes its error; anything but the schema is BAD_RESPONSE. */
function apiAnswer<T>(schema: z.ZodType<T>) {
  return (status: number, text: string): T => {
    if (status < 200 || status >= 300) throw errorFromResponse(status, text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiRequestError("BAD_RESPONSE", status, "not JSON");
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    throw new ApiRequestError("BAD_RESPONSE", status, parsed.error.message);
  };
}

/**
 * Upload one file to an endpoint of ours with the bearer token and real upload progress, the answer
 * parsed with the endpoint's declared 200 schema. Aborting rejects with an AbortError.
 */
export function uploadFileTo<T>(opts: { url: string; schema: z.ZodType<T>; file: File; token: string | null; onProgress: (fraction: number) => void }): UploadHandle<T> {
  return sendFile({
    ...opts,
    timeoutMs: 120_000,
    progressOnSent: true,
    parse: apiAnswer(opts.schema),
    aborted: () => new DOMException("aborted", "AbortError"),
  });
}

/** Upload a staff list with real upload progress. */
export function uploadRoster(opts: { unitCode: string; file: File; replace: boolean; token: string | null; onProgress: (fraction: number) => void }): UploadHandle {
  const url = apiUrl(unitsEndpoints.importRoster, { params: { code: opts.unitCode }, query: opts.replace ? { replace: "1" } : undefined });
  return uploadFileTo({ url, schema: RosterImportResponseSchema, file: opts.file, token: opts.token, onProgress: opts.onProgress });
}

/**
 * Upload one file to an absolute URL that carries its own single-use token (no header needed), with
 * real progress (0…1), the answer parsed as Zalo's picker's would be; aborting rejects with UPLOAD_INTERRUPTED.
 */
export function uploadFileWithProgress<S extends z.ZodType>(opts: { url: string; file: File; schema: S; onProgress: (fraction: number) => void }): UploadHandle<z.output<S>> {
  return sendFile({
    ...opts,
    parse: (status, text) => parseUploadAnswer(opts.schema, status, text),
    aborted: () => new ApiRequestError("UPLOAD_INTERRUPTED", 0, "aborted"),
  });
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

/**
 * The published ranking of a closed stage (public CSV; its SHA-256 is shown beside the button). Only
 * the participation stage (Stage 1, whose id comes from the API) publishes one, hence the file name.
 */
export function downloadSnapshotCsv(stageId: StageId): Promise<void> {
  return downloadApiFile({ path: urlOf(stagesEndpoints.snapshotCsv, { params: { stageId } }), link: null, fileName: "xep-hang-giai-doan-1.csv", token: null });
}
