import { useCallback, useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { api } from "./api-client";

export type ApiState<T> = { data: T | undefined; error: unknown; loading: boolean; reload: () => Promise<void> };

/** The one way pages read from the API: GET path, parse with schema, expose loading/error/reload. */
export function useApi<S extends z.ZodType>(path: string | null, schema: S): ApiState<z.infer<S>> {
  const [data, setData] = useState<z.infer<S> | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(path !== null);
  const schemaRef = useRef(schema);
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(async () => {
    if (path === null) return;
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setLoading(true);
    try {
      const result = await api.get(path, schemaRef.current, c.signal);
      if (!c.signal.aborted) {
        setData(result);
        setError(null);
      }
    } catch (err) {
      if (!c.signal.aborted) setError(err);
    } finally {
      if (!c.signal.aborted) setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    void load();
    return () => controller.current?.abort();
  }, [load]);

  return { data, error, loading, reload: load };
}
