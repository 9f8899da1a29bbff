import { readFileSync } from "node:fs";
import http from "node:http";

/** status 0 = the request never got an answer (refused, reset, timed out, aborted): `error` says which. */
export type HttpResult = { status: number; body: string; ms: number; error?: string };

export type RequestOptions = { headers?: Record<string, string>; body?: unknown; timeoutMs?: number; signal?: AbortSignal };

/** One HTTP request on the given keep-alive agent; never rejects. */
export function httpRequest(agent: http.Agent, baseUrl: string, method: string, path: string, opts: RequestOptions = {}): Promise<HttpResult> {
  const url = new URL(path, baseUrl);
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = { ...opts.headers };
  if (payload !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  const started = performance.now();
  return new Promise((resolve) => {
    // eslint-disable-next-line prefer-const -- assigned once the request exists; only read from its (asynchronous) callbacks
    let timer: NodeJS.Timeout | undefined;
    const done = (r: HttpResult) => {
      clearTimeout(timer);
      resolve(r);
    };
    const fail = (err: Error & { code?: string }) =>
      done({ status: 0, body: "", ms: performance.now() - started, error: opts.signal?.aborted ? "ABORTED" : (err.code ?? err.message) });
    const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent, signal: opts.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
      res.on("error", fail);
    });
    // The whole request, waiting for a free socket included (not just an idle socket): what the caller waits.
    timer = setTimeout(() => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })), opts.timeoutMs ?? 60_000);
    req.on("error", fail);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/**
 * A small HTTP load loop for the benchmarks (autocannon is not a dependency): keep-alive
 * sockets on loopback, bounded by count and time, latencies in milliseconds.
 */
export class Http {
  readonly agent: http.Agent;
  constructor(readonly baseUrl: string, maxSockets: number) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(method: string, path: string, opts: RequestOptions = {}): Promise<HttpResult> {
    return httpRequest(this.agent, this.baseUrl, method, path, opts);
  }

  close(): void {
    this.agent.destroy();
  }
}

export type LoadStats = { requests: number; errors: number; seconds: number; rps: number; p50: number; p99: number; max: number };

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function statsOf(latencies: number[], errors: number, seconds: number): LoadStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 };
}

export type RawLoad = { latencies: number[]; errors: number; seconds: number };

/**
 * `concurrency` workers each send one request after another for `seconds` (after a warm-up that
 * is not measured), never more than `maxRequests` in all.
 */
export async function closedLoop(
  http: Http,
  opts: { concurrency: number; seconds: number; warmupSeconds: number; maxRequests: number },
  next: (worker: number) => { method: string; path: string; headers?: Record<string, string>; body?: unknown },
  isOk: (r: HttpResult) => boolean = (r) => r.status === 200,
): Promise<RawLoad> {
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const warmEnd = performance.now() + opts.warmupSeconds * 1000;
  const end = warmEnd + opts.seconds * 1000;
  const worker = async (w: number) => {
    while (performance.now() < end && sent < opts.maxRequests) {
      const r = next(w);
      const res = await http.request(r.method, r.path, { headers: r.headers, body: r.body });
      if (performance.now() < warmEnd) continue;
      sent++;
      if (isOk(res)) latencies.push(res.ms);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  return { latencies, errors, seconds: Math.max((performance.now() - warmEnd) / 1000, 0.001) };
}

/** Several measurement slices of the same target, as one. */
export function mergeLoads(loads: readonly RawLoad[]): LoadStats {
  return statsOf(
    loads.flatMap((l) => l.latencies),
    loads.reduce((a, l) => a + l.errors, 0),
    loads.reduce((a, l) => a + l.seconds, 0),
  );
}

/** Peak resident memory of a process (VmHWM), in MiB; null where /proc is not available. */
export function peakRssMiB(pid: number): number | null {
  return procStatus(pid)?.peakRssMiB ?? null;
}

export type ProcSample = { peakRssMiB: number; rssMiB: number; cpuSeconds: number };

/** VmHWM, VmRSS (/proc/<pid>/status) and user+system CPU (/proc/<pid>/stat); null once the process is gone. */
export function procStatus(pid: number): ProcSample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    // A process that died but is not yet reaped (a zombie) has no memory lines: no sample.
    if (Number.isNaN(kb("VmHWM"))) return null;
    // Fields after the command name "(…)": state is field 3, utime 14 and stime 15, in clock ticks (USER_HZ, 100 on Linux).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { peakRssMiB: kb("VmHWM") / 1024, rssMiB: kb("VmRSS") / 1024, cpuSeconds: ticks / 100 };
  } catch {
    return null;
  }
}

/** This process's open-file limit (soft, hard) from /proc/self/limits; null where it cannot be read. */
export function openFileLimit(): { soft: number; hard: number } | null {
  try {
    const m = /Max open files\s+(\S+)\s+(\S+)/.exec(readFileSync("/proc/self/limits", "utf8"));
    const n = (v: string | undefined) => (v === "unlimited" ? Infinity : Number(v));
    return m ? { soft: n(m[1]), hard: n(m[2]) } : null;
  } catch {
    return null;
  }
}

/** Host-wide count of connections dropped because a listen queue was full (TcpExt ListenOverflows); null where unreadable. */
export function listenOverflows(): number | null {
  try {
    const lines = readFileSync("/proc/net/netstat", "utf8").split("\n").filter((l) => l.startsWith("TcpExt:"));
    const names = lines[0]?.split(/\s+/) ?? [];
    const values = lines[1]?.split(/\s+/) ?? [];
    const i = names.indexOf("ListenOverflows");
    return i > 0 ? Number(values[i]) : null;
  } catch {
    return null;
  }
}

export const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** "--name value" from argv, as a number, with a default. */
export function numberArg(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}
