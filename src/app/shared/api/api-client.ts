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

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The one way the app talks to the API: JSON in, JSON out, the response parsed with the
 * same zod schema the server declares, failures as ApiRequestError with a code.
 */
export async function apiRequest<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  opts: { body?: unknown; signal?: AbortSignal; formData?: FormData } = {},
): Promise<z.infer<S>> {
  const headers: Record<string, string> = {};
  if (sessionToken) headers.authorization = `Bearer ${sessionToken}`;
  let body: BodyInit | undefined;
  if (opts.formData) body = opts.formData;
  else if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(`${apiBase}${path}`, { method, headers, body, signal: opts.signal });
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
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const parsed = ApiErrorSchema.safeParse(json);
    if (res.status === 401) unauthorizedListeners.forEach((cb) => cb());
    if (parsed.success) throw new ApiRequestError(parsed.data.error.code, res.status, parsed.data.error.message, parsed.data.error.fields);
    // A proxy or gateway answered (mobile data, captive portal): treat like no network.
    throw new ApiRequestError(res.status >= 500 ? "NETWORK" : "BAD_RESPONSE", res.status, `HTTP ${res.status}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiRequestError("BAD_RESPONSE", res.status, `Unexpected response from ${path}: ${parsed.error.message}`);
  return parsed.data;
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal) => apiRequest("GET", path, schema, { signal }),
  post: <S extends z.ZodType>(path: string, schema: S, body?: unknown) => apiRequest("POST", path, schema, { body }),
  put: <S extends z.ZodType>(path: string, schema: S, body?: unknown) => apiRequest("PUT", path, schema, { body }),
  patch: <S extends z.ZodType>(path: string, schema: S, body?: unknown) => apiRequest("PATCH", path, schema, { body }),
  delete: <S extends z.ZodType>(path: string, schema: S) => apiRequest("DELETE", path, schema),
};
