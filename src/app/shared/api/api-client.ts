import { z } from "zod";
import { ApiErrorSchema, type ErrorCode } from "../../../domain/shared/errors";
import { apiBase } from "../config/env";

/** Codes the client can produce on its own, beside the server's. */
export type ClientErrorCode = ErrorCode | "NETWORK" | "BAD_RESPONSE";

export class ApiRequestError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
    /** The whole error body, for endpoints that declare more than `error` (a 409 with the current text). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

let sessionToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

/** The session module sets the bearer token here; every request carries it. */
export function setApiToken(token: string | null): void {
  sessionToken = token;
}

/** The bearer header for requests made outside `call` (file transfers). */
export function authHeaders(): Record<string, string> {
  return sessionToken ? { authorization: `Bearer ${sessionToken}` } : {};
}

const renewedListeners = new Set<(token: string) => void>();
/** The server slides sessions: a renewed token comes back on an ordinary response (x-session-token). */
export function onTokenRenewed(cb: (token: string) => void): () => void {
  renewedListeners.add(cb);
  return () => renewedListeners.delete(cb);
}

/** Called when the server says the session is gone (401), so the app can sign in again. */
export function onUnauthorized(cb: () => void): () => void {
  unauthorizedListeners.add(cb);
  return () => unauthorizedListeners.delete(cb);
}

/** A body's JSON, or null when it is empty or not JSON (a gateway's HTML page). */
function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The failure for a non-2xx answer: the server's code when it sent one, else NETWORK (a gateway answered) or BAD_RESPONSE. */
export function errorFromResponse(status: number, text: string): ApiRequestError {
  const json = parseJson(text);
  const parsed = ApiErrorSchema.safeParse(json);
  if (parsed.success) return new ApiRequestError(parsed.data.error.code, status, parsed.data.error.message, parsed.data.error.fields, json);
  // A proxy or gateway answered (mobile data, captive portal): treat like no network.
  return new ApiRequestError(status >= 500 || status === 0 ? "NETWORK" : "BAD_RESPONSE", status, `HTTP ${status}`);
}

/**
 * JSON in, JSON out, the response parsed with the schema the server declares, failures as
 * ApiRequestError with a code. Pages do not call this: they use `call(endpoint, …)` (call.ts).
 */
export async function apiRequest<S extends z.ZodType>(
  method: string,
  url: string,
  schema: S,
  opts: { body?: unknown; signal?: AbortSignal } = {},
): Promise<z.infer<S>> {
  const headers: Record<string, string> = authHeaders();
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(`${apiBase}${url}`, { method, headers, body, signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiRequestError("NETWORK", 0, (err as Error).message);
  }
  const renewed = res.headers.get("x-session-token");
  if (renewed && sessionToken) {
    sessionToken = renewed;
    renewedListeners.forEach((cb) => cb(renewed));
  }
  const text = await res.text();
  if (!res.ok) {
    if (res.status === 401) unauthorizedListeners.forEach((cb) => cb());
    throw errorFromResponse(res.status, text);
  }
  const parsed = schema.safeParse(parseJson(text));
  if (!parsed.success) throw new ApiRequestError("BAD_RESPONSE", res.status, `Unexpected response from ${url}: ${parsed.error.message}`);
  return parsed.data;
}
