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

/** Modules the upload pool may run, by path under src/server; the server build emits each as its own file. */
export const UPLOAD_WORKER_MODULES = ["features/units/roster-file"] as const;
export type UploadWorkerModule = (typeof UPLOAD_WORKER_MODULES)[number];

// From the sources (tsx, vitest) this file is src/server/shared/uploads/worker-pool.ts; from the build
// (.config/build-server.mjs) it is bundled into an entry at the build's root, beside worker-entry.mjs
// and the worker modules, which are plain .mjs there.
const BUILT = import.meta.url.endsWith(".mjs");
const SERVER_ROOT = new URL(BUILT ? "./" : "../../", import.meta.url);

export function uploadWorkerFile(id: UploadWorkerModule): string {
  return fileURLToPath(new URL(`${id}${BUILT ? ".mjs" : ".ts"}`, SERVER_ROOT));
}

let pool: Piscina | null = null;

function uploadPool(): Piscina {
  pool ??= new Piscina({
    filename: fileURLToPath(new URL(BUILT ? "./worker-entry.mjs" : "./shared/uploads/worker-entry.mjs", SERVER_ROOT)),
    minThreads: 0, // no idle thread in every test process; server.ts warms one at start-up
    maxThreads: UPLOAD_WORKER_LIMITS.threads,
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: UPLOAD_WORKER_LIMITS.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: UPLOAD_WORKER_LIMITS.maxYoungGenerationSizeMb },
  });
  return pool;
}

/** Call `fn` exported by the worker module `id` in the upload pool. The argument and the result are structured-cloned. */
export async function runInUploadWorker<A, R>(id: UploadWorkerModule, fn: string, arg: A, timeoutMs = UPLOAD_WORKER_LIMITS.timeoutMs): Promise<R> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return (await uploadPool().run({ module: uploadWorkerFile(id), fn, arg }, { signal })) as R;
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
  await uploadPool().run({ module: uploadWorkerFile(UPLOAD_WORKER_MODULES[0]), fn: "__warm__", arg: null });
}

/** Stop the workers (server shutdown, end of a test file). */
export async function closeUploadPool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
