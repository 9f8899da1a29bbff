import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../config/env";
import { withSessionSecret } from "../../config/session-secret";
import { DIALECTS } from "../../test/dialects";
import { FakeZalo } from "../../test/fake-zalo";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { issueSessionToken, SESSION_TTL_MS } from "./session-token";
import { findUserByZaloId, insertUser, insertZaloUserOnce } from "./users.repository";

const PUBLISHED = "dev-only-session-secret-change-me";

describe("fail-closed configuration", () => {
  it("never runs with the published secret; without one it generates a random secret and keeps it in the data directory", () => {
    expect(() => parseEnv({ SESSION_SECRET: PUBLISHED })).toThrow(/SESSION_SECRET/);
    const dir = mkdtempSync(path.join(tmpdir(), "hvai-secret-"));
    try {
      const env = parseEnv({ DATABASE_URL: path.join(dir, "db.sqlite") });
      expect(env.SESSION_SECRET).toBe("");
      const first = withSessionSecret(env);
      expect(first.SESSION_SECRET.length).toBeGreaterThanOrEqual(48);
      expect(first.SESSION_SECRET).not.toBe(PUBLISHED);
      expect(readFileSync(path.join(dir, "session-secret"), "utf8").trim()).toBe(first.SESSION_SECRET);
      expect(statSync(path.join(dir, "session-secret")).mode & 0o077).toBe(0);
      // A restart reads the same secret (sessions survive), a fresh data directory gets another.
      expect(withSessionSecret(env).SESSION_SECRET).toBe(first.SESSION_SECRET);
      expect(withSessionSecret(parseEnv({ DATABASE_URL: path.join(dir, "other", "db.sqlite") })).SESSION_SECRET).not.toBe(first.SESSION_SECRET);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a low-entropy secret in production", () => {
    const prod = { NODE_ENV: "production", ZALO_APP_ID: "123", ZALO_APP_SECRET: "s" };
    expect(() => parseEnv({ ...prod, SESSION_SECRET: "x".repeat(40) })).toThrow(/SESSION_SECRET/);
    expect(() => parseEnv({ ...prod, SESSION_SECRET: "abababababababababababababababababab" })).toThrow(/SESSION_SECRET/);
    expect(() => parseEnv({ ...prod })).toThrow(/SESSION_SECRET/);
    expect(parseEnv({ ...prod, SESSION_SECRET: "k3J9vQ2xLr7TzW1pN8bYc5HdF0sGm4Ue6AiOoXqRtVy" }).NODE_ENV).toBe("production");
  });
});

describe.each(DIALECTS)("sessions on %s", (dialect) => {
  let t: TestApp;
  const zalo = new FakeZalo();
  beforeAll(async () => {
    await zalo.start();
    t = await buildTestApp(dialect, { env: { ZALO_GRAPH_URL: zalo.url } });
  });
  afterAll(async () => {
    await t?.close();
    await zalo.stop();
  });
  const me = (authorization: string) => t.app.inject({ method: "GET", url: "/api/me", headers: { authorization } });

  it("caps a token's expiry server-side: a forged far-future expiry is refused even with a valid signature", async () => {
    const { user } = await t.signIn("Nguyễn Văn A", "staff");
    const now = t.clock.now();
    const honest = issueSessionToken(t.env.SESSION_SECRET, user.id, now);
    expect((await me(`Bearer ${honest}`)).statusCode).toBe(200);
    const farFuture = issueSessionToken(t.env.SESSION_SECRET, user.id, new Date(99999999999999 - SESSION_TTL_MS));
    expect((await me(`Bearer ${farFuture}`)).statusCode).toBe(401);
    // The old 30-day, unrevocable format is no longer honoured.
    expect((await me(`Bearer v1.${user.id}.99999999999999.x`)).statusCode).toBe(401);
  });

  it("signs out this device only, or every device, and an organiser can end a person's sessions", async () => {
    const phone = await t.signIn("Trần Thị B", "staff");
    const id = phone.user.id;
    const laptop = `Bearer ${issueSessionToken(t.env.SESSION_SECRET, id, t.clock.now())}`;
    const tablet = `Bearer ${issueSessionToken(t.env.SESSION_SECRET, id, t.clock.now())}`;
    expect((await t.app.inject({ method: "POST", url: "/api/auth/sign-out", headers: { authorization: laptop }, payload: {} })).statusCode).toBe(200);
    const gone = await me(laptop);
    expect(gone.statusCode).toBe(401);
    expect(gone.json().error.code).toBe("SESSION_EXPIRED");
    expect((await me(tablet)).statusCode).toBe(200);
    expect((await me(phone.auth.authorization)).statusCode).toBe(200);

    expect((await t.app.inject({ method: "POST", url: "/api/auth/sign-out", headers: { authorization: tablet }, payload: { everywhere: true } })).statusCode).toBe(200);
    expect((await me(tablet)).statusCode).toBe(401);
    expect((await me(phone.auth.authorization)).statusCode).toBe(401);

    const again = await t.signIn("Lê Văn C", "staff");
    const organizer = await t.signIn("Ban Tổ Chức", "organizer");
    const staff = await t.signIn("Phạm D", "staff");
    const url = `/api/users/${again.user.id}/sessions/revoke`;
    expect((await t.app.inject({ method: "POST", url, headers: staff.auth })).statusCode).toBe(403);
    expect((await me(again.auth.authorization)).statusCode).toBe(200);
    expect((await t.app.inject({ method: "POST", url, headers: organizer.auth })).statusCode).toBe(200);
    expect((await me(again.auth.authorization)).statusCode).toBe(401);
  });

  it("renews a session past half its life (sliding) and ends an unused one", async () => {
    const { token } = await t.signIn("Đỗ Thị E", "staff");
    const issued = `Bearer ${token}`;
    expect((await me(issued)).headers["x-session-token"]).toBeUndefined();
    t.clock.advance(SESSION_TTL_MS * 0.6);
    const renewed = (await me(issued)).headers["x-session-token"] as string;
    expect(renewed).toMatch(/^v2\./);
    t.clock.advance(SESSION_TTL_MS * 0.6);
    expect((await me(issued)).statusCode).toBe(401);
    expect((await me(`Bearer ${renewed}`)).statusCode).toBe(200);
  });

  it("treats an expired token on a public route as anonymous, not as an error", async () => {
    const { user } = await t.signIn("Vũ F", "staff");
    const stale = `Bearer ${issueSessionToken(t.env.SESSION_SECRET, user.id, new Date(t.clock.now().getTime() - 2 * SESSION_TTL_MS))}`;
    expect((await t.app.inject({ method: "GET", url: "/api/units", headers: { authorization: stale } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: "/api/contest", headers: { authorization: stale } })).statusCode).toBe(200);
    const priv = await me(stale);
    expect(priv.statusCode).toBe(401);
    expect(priv.json().error.code).toBe("SESSION_EXPIRED");
  });

  it("survives 10 simultaneous first sign-ins with the same Zalo id (a double tap): one account, no 500", async () => {
    zalo.addUser("tok-double-tap-0001", { id: "zalo-double-tap", name: "Người Bấm Hai Lần" });
    zalo.holdMe(10); // all ten learn who they are at the same moment, then race to create the account
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => t.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: "tok-double-tap-0001" } })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.json().user.id)).size).toBe(1);
  });

  it("creates a first-time Zalo account once even when every request has already looked and found none", async () => {
    const now = t.clock.now();
    // The window of the race: all ten looked the Zalo id up before any inserted (as in the issue on PostgreSQL).
    const looked = await Promise.all(Array.from({ length: 10 }, () => findUserByZaloId(t.app.ctx.db, "zalo-window")));
    expect(looked.every((u) => u === undefined)).toBe(true);
    const rows = await Promise.all(Array.from({ length: 10 }, () => insertZaloUserOnce(t.app.ctx.db, { zaloId: "zalo-window", zaloName: "A" }, now)));
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    // What the sign-in did before: a plain insert after an empty lookup.
    await expect(insertUser(t.app.ctx.db, { zaloId: "zalo-window", zaloName: "A", role: "staff" }, now)).rejects.toThrow();
  });
});
