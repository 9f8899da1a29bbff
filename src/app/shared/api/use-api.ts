import { useCallback, useEffect, useRef, useState } from "react";
import type { AnyEndpoint, EndpointResponse } from "../../../domain/shared/endpoint";
import { call, type CallArgs, urlOf } from "./call";

export type ApiState<T> = { data: T | undefined; error: unknown; loading: boolean; reload: () => Promise<void> };

/** `null` skips the request (e.g. until a unit is chosen). */
type UseApiRest<E extends AnyEndpoint> = object extends CallArgs<E> ? [args?: CallArgs<E> | null] : [args: CallArgs<E> | null];

/**
 * The one way pages read from the API: GET the endpoint (parsed with its declared schema),
 * expose loading/error/reload; reloads when the URL (params, query) changes.
 */
export function useApi<E extends AnyEndpoint>(endpoint: E, ...[args]: UseApiRest<E>): ApiState<EndpointResponse<E>> {
  const skip = args === null;
  const key = skip ? null : (urlOf as (e: AnyEndpoint, a?: unknown) => string)(endpoint, args);
  const [data, setData] = useState<EndpointResponse<E> | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(key !== null);
  const request = useRef({ endpoint, args });
  request.current = { endpoint, args };
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(async () => {
    if (key === null) return;
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setLoading(true);
    try {
      const { endpoint: e, args: a } = request.current;
      const result = await (call as (e: AnyEndpoint, a: unknown) => Promise<EndpointResponse<E>>)(e, { ...(a ?? {}), signal: c.signal });
      if (!c.signal.aborted) {
        setData(result);
        setError(null);
      }
    } catch (err) {
      if (!c.signal.aborted) setError(err);
    } finally {
      if (!c.signal.aborted) setLoading(false);
    }
  }, [key]);

  useEffect(() => {
    void load();
    return () => controller.current?.abort();
  }, [load]);

  return { data, error, loading, reload: load };
}
