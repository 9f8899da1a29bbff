import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "../test/embedded-postgres";
import { type ProcSample, procStatus } from "./load";

/**
 * bench:surge --proxy: HAProxy in front of the API replicas, as a production API sits behind a
 * reverse proxy (README, "Hosting the API"). The phones' keep-alive connections end at the proxy;
 * each API gets at most `maxconn` connections, kept open and reused, and the requests beyond that
 * wait in the proxy's queue instead of in the API's heap. (nginx was tried first: open-source
 * nginx cannot queue, so past its idle-connection cache it opened and closed a connection to the
 * API per request, 2 800 open and 6 300 in TIME_WAIT a minute into the surge.) With several
 * replicas the proxy round-robins, and a request that met a dead replica (refused, reset, no
 * answer) is sent to another: every API write is idempotent (answers by seq, start resumes the
 * open attempt, a second submit returns the same result), so that retry is safe for POST too.
 */

const CANDIDATES = [process.env.HAPROXY ?? "", "/usr/sbin/haproxy", "/usr/local/sbin/haproxy"];
/** Requests in flight at one API by default (`--proxy-maxconn`). Each holds its connection until its WAL flush, so this caps throughput at maxconn ÷ latency. */
export const API_MAXCONN = 100;

export function haproxyBinary(): string {
  const found = CANDIDATES.find((p) => p && existsSync(p));
  if (!found) throw new Error("--proxy needs HAProxy: apt-get install haproxy (Debian), or set HAPROXY to its path");
  return found;
}

/** One thread: the two cores are shared with the API and the load generator. */
export function haproxyConfig(opts: { port: number; upstreams: number[]; maxConnections: number; apiMaxconn: number }): string {
  const several = opts.upstreams.length > 1;
  const servers = opts.upstreams.map((p, i) => `  server api${i} 127.0.0.1:${p} maxconn ${opts.apiMaxconn}${several ? " check inter 500ms fall 1 rise 1" : ""}`).join("\n");
  // no strict-limits: HAProxy sizes descriptors for a server connection per phone (2 × maxconn)
  // and refuses to start under the open-file limit; here the API side is at most maxconn a server.
  // 8 KiB buffers (default 16): the API's requests and headers are small, and each phone holds one.
  return `global
  nbthread 1
  maxconn ${opts.maxConnections}
  no strict-limits
  tune.bufsize 8192
defaults
  mode http
  timeout connect 2s
  timeout client 120s
  timeout server 60s
  timeout queue 60s
  timeout http-keep-alive 75s
  option http-keep-alive
  http-reuse always
  retries 2
  retry-on conn-failure empty-response
  option redispatch 1
frontend phones
  bind 127.0.0.1:${opts.port} backlog 4096
  maxconn ${opts.maxConnections}
  default_backend api
backend api
  balance roundrobin
${servers}
`;
}

export class SurgeProxy {
  private last: ProcSample | null = null;
  private stderr = "";
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly port: number,
  ) {
    child.stderr?.on("data", (c: Buffer) => (this.stderr = (this.stderr + c.toString()).slice(-4000)));
  }

  static async start(upstreams: number[], maxConnections: number, apiMaxconn = API_MAXCONN): Promise<SurgeProxy> {
    const bin = haproxyBinary();
    const dir = mkdtempSync(path.join(os.tmpdir(), "hvai-haproxy-"));
    const port = await freePort();
    writeFileSync(path.join(dir, "haproxy.cfg"), haproxyConfig({ port, upstreams, maxConnections, apiMaxconn }));
    // -db: in the foreground, no daemon, so the bench owns (and stops) the process.
    const child = spawn(bin, ["-db", "-f", path.join(dir, "haproxy.cfg")], { stdio: ["ignore", "ignore", "pipe"] });
    const proxy = new SurgeProxy(child, dir, port);
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) break;
      if (await canConnect(port)) return proxy;
      await sleep(50);
    }
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`HAProxy did not start: ${proxy.stderr}`);
  }

  pid(): number {
    return this.child.pid ?? 0;
  }

  /** The proxy's CPU seconds and resident memory (the last sample once it is gone). */
  sample(): ProcSample {
    this.last = procStatus(this.pid()) ?? this.last;
    return this.last ?? { cpuSeconds: 0, peakRssMiB: 0, rssMiB: 0 };
  }

  async stop(): Promise<void> {
    this.sample();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
      this.child.kill("SIGTERM");
      await Promise.race([exited, sleep(3000).then(() => this.child.kill("SIGKILL"))]);
    }
    rmSync(this.dir, { recursive: true, force: true });
    // HAProxy warns on stderr (a server down, a queue timeout): worth seeing after the figures.
    const lines = this.stderr.trim().split("\n").filter(Boolean);
    if (lines.length) console.log(`  HAProxy said (last lines):\n${lines.slice(-5).map((l) => `    ${l}`).join("\n")}`);
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}
