import { z } from "zod";

/**
 * One HTTP endpoint, declared once in src/domain/<feature>/<feature>.endpoints.ts and used by
 * both sides: the app's typed client (src/app/shared/api/call.ts) builds the URL and types the
 * request and the parsed response from it; the server registers its handler against the same
 * object, so renaming a field breaks the build on both sides.
 *
 * The server's `route(app, endpoint, handler)` (src/server/shared/route.ts) maps `method`/`path`,
 * `params`/`query`/`body` and `responses` to Fastify's schema, adding `security` when `auth` is not
 * "none" and the shared error statuses in one place.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call: "bearer" = a session token (the handler checks roles); "none" = public;
 * "bearer-or-link" = a session token or a short-lived signed `?token=` link (file downloads in Zalo).
 */
export type EndpointAuth = "bearer" | "none" | "bearer-or-link";

/** A binary download (XLSX, CSV). Buffer on the server is a Uint8Array, so this holds on both sides. */
export const FileResponseSchema = z.custom<Uint8Array>((v) => v instanceof Uint8Array).describe("binary file");

type ObjectSchema = z.ZodType<Record<string, unknown>>;

/** The `:name` segments of a path template, as a union of names. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export type EndpointSpec = {
  method: HttpMethod;
  /** Express-style template: "/api/units/:code/claims/:id/decision". */
  path: string;
  tags: readonly string[];
  summary: string;
  auth: EndpointAuth;
  params?: ObjectSchema;
  query?: ObjectSchema;
  body?: z.ZodType;
  /** Multipart upload (the body is a form, not JSON); `body` is then left out. */
  multipart?: true;
  /** Responses by status; 200 is the success body. The shared error statuses are added by the server helper. */
  responses: { 200: z.ZodType } & { [status: number]: z.ZodType };
};

/** Every endpoint: the constraint the client and the server helper take. */
export type AnyEndpoint = EndpointSpec;

/** The path's `:params` and the params schema must name the same keys (checked by the compiler). */
type ParamsMatchPath<E extends EndpointSpec> = [PathParamNames<E["path"]>] extends [never]
  ? { params?: never }
  : { params: z.ZodType<{ [K in PathParamNames<E["path"]>]: unknown }> };

/** Declare an endpoint; returns it unchanged, with its literal types kept. */
export function defineEndpoint<const E extends EndpointSpec>(endpoint: E & ParamsMatchPath<E>): E {
  return endpoint;
}

/** What a handler returns / the client receives on success. */
export type EndpointResponse<E extends AnyEndpoint> = z.output<E["responses"][200]>;

/** The path with its `:params` filled in (each value URL-encoded). */
export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`Missing path parameter :${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}

/** "?a=1&b=2" from the defined values of a query object ("" when none). */
export function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) search.append(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : "";
}

/** The relative URL of an endpoint for these params and query. */
export function endpointUrl(endpoint: AnyEndpoint, input: { params?: Record<string, unknown>; query?: Record<string, unknown> } = {}): string {
  return `${buildPath(endpoint.path, input.params)}${buildQuery(input.query)}`;
}
