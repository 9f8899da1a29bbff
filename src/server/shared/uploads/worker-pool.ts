import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";

/**
 * Parsing an upload (exceljs, docx/pptx readers) is CPU- and memory-hungry and can be made
 * pathological by the file; it runs here, off the event loop, with a memory cap per worker and a time
 * limit per task (the worker is terminated when it is exceeded), so /api/health and every other
 * request keep answering.
 */
export const UPLOAD_WORKER_LIMITS = { timeoutMs: 20_000, maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, threads: 2 };

export class WorkerLimitError extends Error {
  override name = "WorkerLimitError";
  constructor(
    readonly limit: "time" | "memory",
    message: string,
  ) {
    super(message);
  }
}

let pool: Piscina | null = null;

function uploadPool(): Piscina {
  pool ??= new Piscina({
    filename: fileURLToPath(new URL("./worker-entry.mjs", import.meta.url)),
    minThreads: 0, // no idle thread in every test process; server.ts warms one at start-up
    maxThreads: UPLOAD_WORKER_LIMITS.threads,
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: UPLOAD_WORKER_LIMITS.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: UPLOAD_WORKER_LIMITS.maxYoungGenerationSizeMb },
  });
  return pool;
}

/**
 * Call `fn` exported by the module at `moduleUrl` (pass `import.meta.url` of a server file, never user
 * input) in the upload pool. The argument and the result are structured-cloned.
 */
export async function runInUploadWorker<A, R>(moduleUrl: string, fn: string, arg: A, timeoutMs = UPLOAD_WORKER_LIMITS.timeoutMs): Promise<R> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return (await uploadPool().run({ module: fileURLToPath(moduleUrl), fn, arg }, { signal })) as R;
  } catch (err) {
    if (signal.aborted) throw new WorkerLimitError("time", `Xử lý tệp quá lâu (quá ${Math.round(timeoutMs / 1000)} giây) — tệp quá lớn hoặc quá phức tạp.`);
    const code = (err as { code?: string }).code;
    if (code === "ERR_WORKER_OUT_OF_MEMORY")
      throw new WorkerLimitError("memory", `Tệp cần quá nhiều bộ nhớ để đọc (tối đa ${UPLOAD_WORKER_LIMITS.maxOldGenerationSizeMb} MB).`);
    throw err;
  }
}

/** Start a worker ahead of the first upload (server start-up): thread start and loader take ~1 s. */
export async function warmUploadPool(): Promise<void> {
  await uploadPool().run({ module: "", fn: "__warm__", arg: null });
}

/** Stop the workers (server shutdown, end of a test file). */
export async function closeUploadPool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
