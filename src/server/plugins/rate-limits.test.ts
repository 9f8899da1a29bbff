import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_MESSAGES } from "../../app/shared/errors/error-messages";
import { DIALECTS } from "../test/dialects";
import { FakeZalo } from "../test/fake-zalo";
import { buildTestApp, type TestApp } from "../test/test-app";

describe.each(DIALECTS)("rate limits on %s", (dialect) => {
  let t: TestApp;
  const zalo = new FakeZalo();
  beforeAll(async () => {
    await zalo.start();
    t = await buildTestApp(dialect, {
      env: { ZALO_GRAPH_URL: zalo.url, RATE_LIMIT_SIGNIN: "5", RATE_LIMIT_PUBLIC: "8", RATE_LIMIT_WRITES: "4", RATE_LIMIT_READS: "1000", TRUST_PROXY: "1" },
    });
  });
  afterAll(async () => {
    await t?.close();
    await zalo.stop();
  });

  it("stops bad Zalo sign-ins per IP before they reach Zalo's Graph API, with Retry-After and a code the app words in Vietnamese", async () => {
    const from = (ip: string) => ({ "x-forwarded-for": ip });
    const before = zalo.requests.length;
    const codes: number[] = [];
    for (let i = 0; i < 30; i++)
      codes.push((await t.app.inject({ method: "POST", url: "/api/auth/zalo", headers: from("203.0.113.7"), payload: { accessToken: `bad-token-${i}-xxxx` } })).statusCode);
    expect(codes.slice(0, 5)).toEqual(Array(5).fill(401));
    expect(codes.slice(5)).toEqual(Array(25).fill(429));
    expect(zalo.requests.length - before).toBe(5);
    const limited = await t.app.inject({ method: "POST", url: "/api/auth/zalo", headers: from("203.0.113.7"), payload: { accessToken: "bad-token-again-xx" } });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe("RATE_LIMITED");
    expect(ERROR_MESSAGES.RATE_LIMITED).toMatch(/thử lại/);
    // Behind the proxy, another client has its own budget.
    expect((await t.app.inject({ method: "POST", url: "/api/auth/zalo", headers: from("198.51.100.9"), payload: { accessToken: "bad-token-other-x" } })).statusCode).toBe(401);
  });

  it("limits anonymous calls per IP and writes per person; health checks are never limited", async () => {
    const ip = { "x-forwarded-for": "192.0.2.44" };
    const anon: number[] = [];
    for (let i = 0; i < 10; i++) anon.push((await t.app.inject({ method: "GET", url: "/api/units", headers: ip })).statusCode);
    expect(anon.filter((c) => c === 429).length).toBe(2);
    for (let i = 0; i < 20; i++) expect((await t.app.inject({ method: "GET", url: "/api/health", headers: ip })).statusCode).toBe(200);

    const a = await t.signIn("Người A", "staff", "10507");
    const b = await t.signIn("Người B", "staff", "10507");
    const write = (auth: { authorization: string }) => t.app.inject({ method: "PATCH", url: "/api/me", headers: { ...auth, ...ip }, payload: { position: "Chuyên viên" } });
    const aCodes: number[] = [];
    for (let i = 0; i < 6; i++) aCodes.push((await write(a.auth)).statusCode);
    expect(aCodes).toEqual([200, 200, 200, 200, 429, 429]);
    // Same IP, another person: their own budget.
    expect((await write(b.auth)).statusCode).toBe(200);
    // Reads have a separate, larger budget.
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: { ...a.auth, ...ip } })).statusCode).toBe(200);
  });
});
