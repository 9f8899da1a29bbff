import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LeanAgent } from "./lean-http";

describe("LeanAgent (the surge's phones)", () => {
  let server: http.Server;
  let port = 0;
  const connections: number[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        if (req.url === "/slow") return void setTimeout(() => res.end("late"), 500);
        if (req.url === "/chunked") {
          res.write("Xin ");
          return void setTimeout(() => res.end("chào"), 10);
        }
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization ?? null, body: body ? JSON.parse(body) : null, socket: connections.indexOf(req.socket.remotePort!) }));
      });
    });
    server.on("connection", (s) => connections.push(s.remotePort!));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it("sends headers and a JSON body, reads the answer, and reuses the connection", async () => {
    const agent = new LeanAgent("127.0.0.1", port, 2);
    const a = await agent.request("PUT", "/x", { headers: { authorization: "Bearer t" }, body: { seq: 1, note: "câu 1" } });
    const b = await agent.request("GET", "/x");
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body)).toMatchObject({ method: "PUT", auth: "Bearer t", body: { seq: 1, note: "câu 1" } });
    expect(JSON.parse(b.body).socket).toBe(JSON.parse(a.body).socket);
    expect(agent.open).toBe(1);
    agent.destroy();
  });

  it("reads chunked bodies, keeps at most maxSockets open and queues the rest", async () => {
    const agent = new LeanAgent("127.0.0.1", port, 2);
    const results = await Promise.all(Array.from({ length: 5 }, () => agent.request("GET", "/chunked")));
    expect(results.map((r) => r.body)).toEqual(Array(5).fill("Xin chào"));
    expect(agent.open).toBe(2);
    agent.destroy();
  });

  it("reports a timeout, an abort and a refused connection as status 0 with the reason", async () => {
    const agent = new LeanAgent("127.0.0.1", port, 2);
    expect(await agent.request("GET", "/slow", { timeoutMs: 50 })).toMatchObject({ status: 0, error: "TIMEOUT" });
    const abort = new AbortController();
    const pending = agent.request("GET", "/slow", { signal: abort.signal });
    abort.abort();
    expect(await pending).toMatchObject({ status: 0, error: "ABORTED" });
    const nobody = new LeanAgent("127.0.0.1", 1, 2);
    expect(await nobody.request("GET", "/x")).toMatchObject({ status: 0, error: "ECONNREFUSED" });
    agent.destroy();
  });
});
