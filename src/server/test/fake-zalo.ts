import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeZaloUser = { id: string; name: string; phone?: string };
export type FakeNotification = { headers: Record<string, string | undefined>; body: unknown; at: Date };

/**
 * A stand-in for Zalo's servers on loopback: the Graph API (/v2.0/me, /v2.0/me/info) and the
 * mini-app notification API. It checks what the real one checks (appsecret_proof, secret_key,
 * single-use phone tokens, the notification headers) and can fail on demand.
 */
export class FakeZalo {
  readonly users = new Map<string, FakeZaloUser>(); // access token → user
  readonly phoneTokens = new Map<string, string>(); // phone token → access token it belongs to
  readonly notifications: FakeNotification[] = [];
  readonly requests: { method: string; path: string }[] = [];
  /** Next notification calls: "ok", "fail" (error≠0), "http500", "timeout". */
  notificationBehaviour: Array<"ok" | "fail" | "http500" | "timeout"> = [];
  private server?: Server;
  url = "";

  constructor(readonly appSecret = "fake-app-secret", readonly apiKey = "fake-notify-key", readonly miniAppId = "fake-mini-app") {}

  addUser(accessToken: string, user: FakeZaloUser): void {
    this.users.set(accessToken, user);
  }

  issuePhoneToken(accessToken: string): string {
    const token = `phone-${Math.random().toString(36).slice(2)}`;
    this.phoneTokens.set(token, accessToken);
    return token;
  }

  private held: Array<() => void> = [];
  /** Hold the next `n` answers of /v2.0/me and release them together (races such as a double tap). */
  holdMe(n: number): void {
    this.holdCount = n;
  }
  private holdCount = 0;
  private async meBarrier(): Promise<void> {
    if (this.holdCount <= 0) return;
    await new Promise<void>((release) => {
      this.held.push(release);
      if (this.held.length >= this.holdCount) {
        this.holdCount = 0;
        for (const r of this.held.splice(0)) r();
      }
    });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req).then(({ status, body, hang }) => {
      if (hang) return; // the client times out
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    }));
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown; hang?: boolean }> {
    const url = new URL(req.url ?? "/", "http://x");
    this.requests.push({ method: req.method ?? "", path: url.pathname });
    const h = (name: string) => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    };
    if (req.method === "GET" && url.pathname === "/v2.0/me") {
      const token = h("access_token") ?? "";
      const proof = createHmac("sha256", this.appSecret).update(token).digest("hex");
      if (h("appsecret_proof") !== proof) return { status: 200, body: { error: -124, message: "invalid appsecret_proof" } };
      const user = this.users.get(token);
      if (!user) return { status: 200, body: { error: 452, message: "invalid access token" } };
      await this.meBarrier();
      return { status: 200, body: { id: user.id, name: user.name } };
    }
    if (req.method === "GET" && url.pathname === "/v2.0/me/info") {
      if (h("secret_key") !== this.appSecret) return { status: 200, body: { error: -104, message: "invalid secret key" } };
      const code = h("code") ?? "";
      const owner = this.phoneTokens.get(code);
      if (!owner || owner !== h("access_token")) return { status: 200, body: { error: -201, message: "invalid code" } };
      this.phoneTokens.delete(code); // single use
      const phone = this.users.get(owner)?.phone ?? "";
      return { status: 200, body: { data: { number: phone }, error: 0, message: "Success" } };
    }
    if (req.method === "POST" && url.pathname === "/notification/template") {
      const body = await readBody(req);
      const headers = { apiKey: h("x-api-key"), userId: h("x-user-id"), miniAppId: h("x-miniapp-id") };
      if (headers.apiKey !== `Bearer ${this.apiKey}` || headers.miniAppId !== this.miniAppId || !headers.userId)
        return { status: 200, body: { error: -401, message: "bad headers" } };
      const behaviour = this.notificationBehaviour.shift() ?? "ok";
      if (behaviour === "timeout") return { status: 0, body: null, hang: true };
      if (behaviour === "http500") return { status: 500, body: { error: -1, message: "server error" } };
      if (behaviour === "fail") return { status: 200, body: { error: -32, message: "quota exceeded" } };
      this.notifications.push({ headers, body, at: new Date() });
      return { status: 200, body: { error: 0, message: "Success", data: { msgId: `m${this.notifications.length}` } } };
    }
    return { status: 404, body: { error: 404, message: "not found" } };
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return null;
  }
}
