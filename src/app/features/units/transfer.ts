import { type RosterImportResponse, RosterImportResponseSchema } from "../../../domain/units/roster.schema";
import { DownloadLinkResponseSchema } from "../../../domain/ranking/ranking.schema";
import { ApiErrorSchema } from "../../../domain/shared/errors";
import { downloadToDevice, isInsideZalo } from "../../fence/zalo";
import { api, ApiRequestError } from "../../shared/api/api-client";
import { apiBase } from "../../shared/config/env";

/** The API's absolute address for a path (Zalo's downloader needs a full https URL). */
export function absoluteApiUrl(path: string): string {
  return new URL(`${apiBase}${path}`, window.location.href).toString();
}

function errorFrom(status: number, body: string): ApiRequestError {
  let json: unknown = null;
  try {
    json = body ? JSON.parse(body) : null;
  } catch {
    json = null;
  }
  const parsed = ApiErrorSchema.safeParse(json);
  if (parsed.success) return new ApiRequestError(parsed.data.error.code, status, parsed.data.error.message, parsed.data.error.fields);
  return new ApiRequestError(status >= 500 || status === 0 ? "NETWORK" : "BAD_RESPONSE", status, `HTTP ${status}`);
}

/**
 * Download a file the API makes for the signed-in person.
 * Browser: fetch it with the bearer token and save the blob through a link with `download`.
 * Zalo: its WebView cannot save blobs, so ask for a 5-minute signed link (`linkPath`) and hand
 * it to Zalo's downloader (the system browser if the downloader is not allowed).
 */
export async function downloadApiFile(opts: { path: string; linkPath: string | null; fileName: string; token: string | null }): Promise<void> {
  if (isInsideZalo()) {
    const url = opts.linkPath ? (await api.post(opts.linkPath, DownloadLinkResponseSchema)).url : opts.path;
    await downloadToDevice(absoluteApiUrl(url));
    return;
  }
  let res: Response;
  try {
    res = await fetch(`${apiBase}${opts.path}`, { headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {} });
  } catch (err) {
    throw new ApiRequestError("NETWORK", 0, (err as Error).message);
  }
  if (!res.ok) throw errorFrom(res.status, await res.text());
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
    xhr.open("POST", `${apiBase}/api/units/${encodeURIComponent(opts.unitCode)}/roster${opts.replace ? "?replace=1" : ""}`);
    if (opts.token) xhr.setRequestHeader("authorization", `Bearer ${opts.token}`);
    xhr.timeout = 120_000;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => opts.onProgress(1);
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(errorFrom(xhr.status, xhr.responseText));
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
