import { useRef, useState } from "react";
import { errorMessage } from "../errors/error-messages";
import { ApiRequestError } from "./api-client";
import type { UploadHandle } from "./transfer";

/** Where one file upload stands: sending (with the share sent), being read by the server, answered, or failed. */
export type UploadPhase<T> = { kind: "idle" } | { kind: "uploading"; fraction: number } | { kind: "processing" } | { kind: "done"; result: T } | { kind: "failed"; message: string };

/**
 * One file upload with visible progress (pages that import a file: staff lists, the question bank).
 * The chosen file is kept here; `send` starts the request; `onDone` runs once the answer is shown. A cancel goes back to idle; a
 * failure says why in Vietnamese (the server's word on the file first) and the file stays chosen,
 * so one tap retries once the network is back.
 */
export function useUpload<T>(send: (file: File, onProgress: (fraction: number) => void) => UploadHandle<T>, onDone: (result: T) => unknown) {
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<UploadPhase<T>>({ kind: "idle" });
  const upload = useRef<UploadHandle<T> | null>(null);

  const start = async () => {
    if (!file) return;
    setPhase({ kind: "uploading", fraction: 0 });
    const handle = send(file, (fraction) => setPhase(fraction >= 1 ? { kind: "processing" } : { kind: "uploading", fraction }));
    upload.current = handle;
    try {
      const result = await handle.promise;
      setPhase({ kind: "done", result });
      await onDone(result);
    } catch (err) {
      if ((err as Error).name === "AbortError") return setPhase({ kind: "idle" });
      const detail = err instanceof ApiRequestError ? err.fields?.file : undefined;
      setPhase({ kind: "failed", message: detail ?? errorMessage(err) });
    } finally {
      upload.current = null;
    }
  };

  return {
    file,
    /** Choose another file (or none): whatever was shown of the last one goes. */
    choose: (next: File | null) => {
      setFile(next);
      setPhase({ kind: "idle" });
    },
    phase,
    busy: phase.kind === "uploading" || phase.kind === "processing",
    start,
    cancel: () => upload.current?.abort(),
    reset: () => setPhase({ kind: "idle" }),
  };
}
