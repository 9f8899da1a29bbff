import type { z } from "zod";
import { type AnyEndpoint, endpointUrl, type EndpointResponse } from "../../../domain/shared/endpoint";
import { apiRequest } from "./api-client";
import { apiBase } from "../config/env";

type ParamsArg<E> = E extends { params: infer S extends z.ZodType } ? { params: z.input<S> } : { params?: undefined };
type QueryArg<E> = E extends { query: infer S extends z.ZodType }
  ? object extends z.input<S>
    ? { query?: z.input<S> }
    : { query: z.input<S> }
  : { query?: undefined };
type BodyArg<E> = E extends { body: infer S extends z.ZodType } ? { body: z.input<S> } : { body?: undefined };

/** What `call` takes for an endpoint: its params, query and body, typed from the declaration. */
export type CallArgs<E extends AnyEndpoint> = ParamsArg<E> & QueryArg<E> & BodyArg<E> & { signal?: AbortSignal };

/** Optional when the endpoint needs nothing (no params, no required query, no body). */
export type CallRest<E extends AnyEndpoint> = object extends CallArgs<E> ? [args?: CallArgs<E>] : [args: CallArgs<E>];

/**
 * The one way the app talks to the API: `call(quizEndpoints.saveAnswer, { params, body })`.
 * The URL, the request's types and the parsed response all come from the endpoint's declaration
 * in src/domain, so a renamed field breaks the build here and on the server.
 */
export function call<E extends AnyEndpoint>(endpoint: E, ...[args]: CallRest<E>): Promise<EndpointResponse<E>> {
  const a = (args ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown; signal?: AbortSignal };
  return apiRequest(endpoint.method, endpointUrl(endpoint, a), endpoint.responses[200] as z.ZodType<EndpointResponse<E>>, { body: a.body, signal: a.signal });
}

/** Relative URL ("/api/…?…") of an endpoint: the key `useApi` reloads on, and what file helpers fetch. */
export function urlOf<E extends AnyEndpoint>(endpoint: E, ...[args]: CallRest<E>): string {
  return endpointUrl(endpoint, (args ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown> });
}

/** The same URL with the API's base (for XHR uploads and fetch downloads). */
export function apiUrl<E extends AnyEndpoint>(endpoint: E, ...rest: CallRest<E>): string {
  return `${apiBase}${urlOf(endpoint, ...rest)}`;
}
