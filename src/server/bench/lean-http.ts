import net from "node:net";
import type { HttpResult, RequestOptions } from "./load";

/**
 * The surge's phones: HTTP/1.1 with keep-alive on raw sockets. node:http's client cost the load
 * generator as much CPU per request as the API spent answering it (0.42 vs 0.50 ms), so on two
 * cores the bench starved what it measured. One LeanAgent per phone: at most `maxSockets`
 * connections (a WebView opens a few per host), further requests wait for a free one. Responses
 * are read by Content-Length or chunked encoding, which is all the API sends.
 */
export class LeanAgent {
  private readonly idle: LeanSocket[] = [];
  private readonly waiting: Array<() => void> = [];
  /** Open connections (busy or idle). */
  open = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly maxSockets = 2,
  ) {}

  /** One request; never rejects (status 0 and `error` when no answer came: refused, reset, timed out, aborted). */
  request(method: string, path: string, opts: RequestOptions = {}): Promise<HttpResult> {
    const started = performance.now();
    const payload = opts.body === undefined ? "" : JSON.stringify(opts.body);
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n`;
    for (const [k, v] of Object.entries(opts.headers ?? {})) head += `${k}: ${v}\r\n`;
    if (opts.body !== undefined) head += `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n`;
    const wire = `${head}\r\n${payload}`;
    return new Promise<HttpResult>((resolve) => {
      let socket: LeanSocket | null = null;
      let settled = false;
      const parser = new ResponseParser();
      const onData = (chunk: Buffer) => {
        const r = parser.push(chunk);
        if (r === "error") fail("BAD_RESPONSE");
        else if (r) finish({ status: r.status, body: r.body }, r.keepAlive);
      };
      const onClose = () => fail(socket?.lastError ?? "ECONNRESET");
      const finish = (r: Omit<HttpResult, "ms">, keep: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener("abort", onAbort);
        if (socket) {
          socket.off("data", onData).off("close", onClose);
          if (keep) this.release(socket);
          else socket.destroy();
        } else this.drop(go);
        resolve({ ...r, ms: performance.now() - started });
      };
      const fail = (error: string) => finish({ status: 0, body: "", error: opts.signal?.aborted ? "ABORTED" : error }, false);
      const onAbort = () => fail("ABORTED");
      // The whole request, waiting for a free connection included: what the person waits.
      const timer = setTimeout(() => fail("TIMEOUT"), opts.timeoutMs ?? 60_000);
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      const go = () => {
        if (settled) return;
        socket = this.idle.pop() ?? null;
        if (!socket) {
          if (this.open >= this.maxSockets) return void this.waiting.push(go);
          socket = this.connect();
        }
        socket.on("data", onData).on("close", onClose);
        socket.write(wire);
      };
      if (opts.signal?.aborted) return fail("ABORTED");
      go();
    });
  }

  private connect(): LeanSocket {
    this.open++;
    const socket: LeanSocket = net.connect({ host: this.host, port: this.port, noDelay: true });
    socket.on("error", (err: Error & { code?: string }) => {
      socket.lastError = err.code ?? err.message;
    });
    socket.once("close", () => {
      this.open--;
      const i = this.idle.indexOf(socket);
      if (i >= 0) this.idle.splice(i, 1);
      this.waiting.shift()?.();
    });
    return socket;
  }

  private release(socket: LeanSocket): void {
    const next = this.waiting.shift();
    this.idle.push(socket);
    next?.();
  }

  /** A request that gave up while waiting for a connection leaves the queue. */
  private drop(go: () => void): void {
    const i = this.waiting.indexOf(go);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  destroy(): void {
    for (const s of this.idle.splice(0)) s.destroy();
  }
}

/** The socket's last error code, to say why a request on it failed. */
type LeanSocket = net.Socket & { lastError?: string };

type Parsed = { status: number; body: string; keepAlive: boolean };

/** Reads one HTTP/1.1 response: status line, headers, then Content-Length bytes or chunks. */
class ResponseParser {
  private buf: Buffer = Buffer.alloc(0);
  private head: { status: number; length: number | null; chunked: boolean; keepAlive: boolean; bodyAt: number } | null = null;

  push(chunk: Buffer): Parsed | "error" | null {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    if (!this.head) {
      const end = this.buf.indexOf("\r\n\r\n");
      if (end < 0) return null;
      const lines = this.buf.subarray(0, end).toString("latin1").split("\r\n");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "")?.[1]);
      if (!status) return "error";
      let length: number | null = null;
      let chunked = false;
      let keepAlive = true;
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim().toLowerCase();
        if (name === "content-length") length = Number(value);
        else if (name === "transfer-encoding") chunked = value.includes("chunked");
        else if (name === "connection") keepAlive = value !== "close";
      }
      this.head = { status, length, chunked, keepAlive, bodyAt: end + 4 };
    }
    const { status, length, chunked, keepAlive, bodyAt } = this.head;
    if (chunked) return this.chunks(status, keepAlive, bodyAt);
    const n = length ?? 0;
    if (this.buf.length - bodyAt < n) return null;
    return { status, body: this.buf.subarray(bodyAt, bodyAt + n).toString("utf8"), keepAlive };
  }

  private chunks(status: number, keepAlive: boolean, from: number): Parsed | "error" | null {
    const parts: Buffer[] = [];
    let at = from;
    for (;;) {
      const eol = this.buf.indexOf("\r\n", at);
      if (eol < 0) return null;
      const size = parseInt(this.buf.subarray(at, eol).toString("latin1"), 16);
      if (Number.isNaN(size)) return "error";
      // The last chunk, then the empty line that ends the (absent) trailers.
      if (size === 0) return this.buf.length < eol + 4 ? null : { status, body: Buffer.concat(parts).toString("utf8"), keepAlive };
      if (this.buf.length < eol + 2 + size + 2) return null;
      parts.push(this.buf.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
  }
}
