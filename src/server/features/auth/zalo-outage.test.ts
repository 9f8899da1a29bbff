import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/test-app";

/** Zalo's Graph API answering 500 to everything, counting the calls that reach it. */
describe("a Zalo outage", () => {
  let calls = 0;
  const server = createServer((_req, res) => {
    calls++;
    res.writeHead(500).end("{}");
  });
  let t: TestApp;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    t = await buildTestApp("sqlite", { env: { ZALO_GRAPH_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } });
  });
  afterAll(async () => {
    await t?.close();
    server.close();
  });

  it("answers 503 with Retry-After, and after a few failures stops calling Zalo for a while (circuit breaker)", async () => {
    const signIn = () => t.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: "token-during-outage-01" } });
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await signIn());
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(503));
    expect(answers.every((a) => a.headers["retry-after"] === "30" && a.json().error.code === "ZALO_UNAVAILABLE")).toBe(true);
    expect(calls).toBe(3);
  });
});
