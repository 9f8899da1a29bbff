import { type DependencyList, type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from "react";
import type { AnyEndpoint, EndpointResponse } from "../../../domain/shared/endpoint";
import { call, type CallArgs, urlOf } from "./call";

export type ApiState<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  /** Change what is shown without a request (an optimistic update). */
  setData: Dispatch<SetStateAction<T | undefined>>;
};

/**
 * A read with loading/error/reload, for reads that do more than one GET (record the server's
 * clock, send what the phone holds first). Runs again when `deps` change; a `null` loader skips.
 * `fresh`: each run starts blank (no old error; no old data once deps change), as a new page would.
 * A run that a newer one replaced (or an unmount) is aborted and its result ignored.
 */
export function useLoad<T>(loader: ((signal: AbortSignal) => Promise<T>) | null, deps: DependencyList, opts: { fresh?: boolean } = {}): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(loader !== null);
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  const controller = useRef<AbortController | null>(null);
  const enabled = loader !== null;
  const fresh = opts.fresh ?? false;
  const freshRef = useRef(fresh);
  freshRef.current = fresh;

  const load = useCallback(async () => {
    const run = loaderRef.current;
    if (!run) return;
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setLoading(true);
    if (freshRef.current) setError(null);
    try {
      const result = await run(c.signal);
      if (!c.signal.aborted) {
        setData(result);
        setError(null);
      }
    } catch (err) {
      if (!c.signal.aborted) setError(err);
    } finally {
      if (!c.signal.aborted) setLoading(false);
    }
    // The caller's deps decide when the loader is a new one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps]);

  useEffect(() => {
    if (freshRef.current) setData(undefined);
    void load();
    return () => controller.current?.abort();
  }, [load]);

  return { data, error, loading, reload: load, setData };
}

/** `null` skips the request (e.g. until a unit is chosen). */
type UseApiRest<E extends AnyEndpoint> = object extends CallArgs<E> ? [args?: CallArgs<E> | null] : [args: CallArgs<E> | null];

/**
 * The one way pages read from the API: GET the endpoint (parsed with its declared schema),
 * expose loading/error/reload; reloads when the URL (params, query) changes.
 */
export function useApi<E extends AnyEndpoint>(endpoint: E, ...[args]: UseApiRest<E>): ApiState<EndpointResponse<E>> {
  const key = args === null ? null : (urlOf as (e: AnyEndpoint, a?: unknown) => string)(endpoint, args);
  const get = call as (e: AnyEndpoint, a: unknown) => Promise<EndpointResponse<E>>;
  return useLoad(key === null ? null : (signal) => get(endpoint, { ...(args ?? {}), signal }), [key]);
}
