import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { parseEnv, RATE_LIMITS_OFF } from "../config/env";
import { createTestClock } from "../shared/clock";
import { redactUrl } from "../shared/log-redaction";
import { createTestDatabase } from "../test/dialects";
import { buildTestApp, demoPack, type TestApp } from "../test/test-app";

const STRONG = "k3J9vQ2xLr7TzW1pN8bYc5HdF0sGm4Ue6AiOoXqRtVy";

describe("security headers and the small leaks", () => {
  let t: TestApp;
  let prod: TestApp;
  beforeAll(async () => {
    t = await buildTestApp("sqlite", { env: { TRUST_PROXY: "1" } });
    prod = await buildTestApp("sqlite", { env: { NODE_ENV: "production", AUTH_DEV: "0", SESSION_SECRET: STRONG } });
  });
  afterAll(async () => {
    await t?.close();
    await prod?.close();
  });

  it("sends nosniff, frame-ancestors that allow Zalo only, and HSTS only over HTTPS", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/contest" });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toMatch(/frame-ancestors 'self' https:\/\/h5\.zdn\.vn/);
    expect(res.headers["strict-transport-security"]).toBeUndefined();
    const https = await t.app.inject({ method: "GET", url: "/api/contest", headers: { "x-forwarded-proto": "https" } });
    expect(https.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
  });

  it("marks personal JSON no-store", async () => {
    const { auth } = await t.signIn("Nguyễn Văn A", "staff", "10507");
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: auth });
    expect(me.headers["cache-control"]).toBe("no-store");
    const dashboard = await t.app.inject({ method: "GET", url: "/api/me/unit-status", headers: auth });
    expect(dashboard.headers["cache-control"]).toBe("no-store");
  });

  it("allows localhost origins only in development or the demo", async () => {
    const origin = { origin: "http://localhost:5173" };
    expect((await t.app.inject({ method: "GET", url: "/api/contest", headers: origin })).headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    expect((await prod.app.inject({ method: "GET", url: "/api/contest", headers: origin })).headers["access-control-allow-origin"]).toBeUndefined();
    expect((await prod.app.inject({ method: "GET", url: "/api/contest", headers: { origin: "https://h5.zdn.vn" } })).headers["access-control-allow-origin"]).toBe("https://h5.zdn.vn");
  });

  it("does not list the dev sign-in in /docs when it is off", async () => {
    const paths = (app: TestApp["app"]) => Object.keys((app as unknown as { swagger(): { paths: Record<string, unknown> } }).swagger().paths);
    expect(paths(t.app)).toContain("/api/auth/dev");
    expect(paths(prod.app)).not.toContain("/api/auth/dev");
  });

  it("never writes a signed link's token to the request log", async () => {
    expect(redactUrl("/api/units/10507/report.xlsx?token=abc.def&x=1")).toBe("/api/units/10507/report.xlsx?token=[redacted]&x=1");
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const clock = createTestClock(new Date());
    const database = await createTestDatabase("sqlite");
    const env = parseEnv({ ...RATE_LIMITS_OFF, NODE_ENV: "test", DATABASE_URL: database.url, AUTH_DEV: "1", SESSION_SECRET: STRONG, REMINDERS_WORKER: "0" });
    const app = await buildApp({ env, clock, pack: demoPack(clock.now()), logger: { level: "info", stream }, wwwDir: "/nonexistent" });
    try {
      await app.inject({ method: "GET", url: "/api/units/10507/report.xlsx?token=SECRET-LINK-TOKEN-123" });
      const log = lines.join("");
      expect(log).toContain("/api/units/10507/report.xlsx?token=[redacted]");
      expect(log).not.toContain("SECRET-LINK-TOKEN-123");
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
