import { useCallback, useRef, useState } from "react";
import { useNotify } from "../hooks/use-error-snackbar";

export type ActionOptions = {
  /** Called on failure, before (or, with `snackbar: false`, instead of) the error snackbar. */
  onError?: (err: unknown) => void;
  /** Show the failure as a Vietnamese snackbar (from the one error-message map). Default true. */
  snackbar?: boolean;
};

export type Action<A extends unknown[], R> = {
  /** Run the action; resolves to its result, or undefined when it failed (the person was told) or was already running. */
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
};

/**
 * The one way pages write to the API (beside `useApi` for reads): a busy flag for the button,
 * one run at a time, and any failure shown in Vietnamese — never a stack trace, never silence.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>, options: ActionOptions = {}): Action<A, R> {
  const notifyError = useNotify().error;
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const latest = useRef({ action, options, notifyError });
  latest.current = { action, options, notifyError };

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      return await latest.current.action(...args);
    } catch (err) {
      const { options: o, notifyError: notify } = latest.current;
      o.onError?.(err);
      if (o.snackbar !== false) notify(err);
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  return { run, busy };
}
