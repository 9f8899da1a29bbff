import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserById, updateUser } from "../features/auth";
import { DIALECTS } from "../test/dialects";
import { buildTestApp, type TestApp } from "../test/test-app";
import { ActivityBuffer } from "./activity-buffer";

describe.each(DIALECTS)("last_active_at in the background on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });
  const lastActive = async (id: string) => (await findUserById(t.app.ctx.db, id))!.lastActiveAt;

  it("notes a request's activity without writing on the request path, and writes it at the flush", async () => {
    const { user, auth } = await t.signIn("Người hoạt động");
    const signedInAt = await lastActive(user.id);
    t.clock.advance(11 * 60_000);
    const at = t.clock.now().toISOString();
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: { authorization: auth.authorization } })).statusCode).toBe(200);
    expect(await lastActive(user.id)).toBe(signedInAt);
    await t.app.activity.flush();
    expect(await lastActive(user.id)).toBe(at);
    // Within the next 10 minutes nothing more is noted.
    t.clock.advance(5 * 60_000);
    await t.app.inject({ method: "GET", url: "/api/me", headers: { authorization: auth.authorization } });
    await t.app.activity.flush();
    expect(await lastActive(user.id)).toBe(at);
  });

  it("never moves the time back over a newer one written meanwhile (a sign-in)", async () => {
    const { user, auth } = await t.signIn("Người đăng nhập lại");
    t.clock.advance(11 * 60_000);
    await t.app.inject({ method: "GET", url: "/api/me", headers: { authorization: auth.authorization } });
    t.clock.advance(60_000);
    const newer = t.clock.now();
    await updateUser(t.app.ctx.db, user.id, { lastActiveAt: newer.toISOString() }, newer);
    await t.app.activity.flush();
    expect(await lastActive(user.id)).toBe(newer.toISOString());
  });
});

describe("the activity buffer after a failed write", () => {
  it("keeps writing later notes once one flush has failed", async () => {
    const t = await buildTestApp("sqlite");
    try {
      const { user } = await t.signIn("Người sau sự cố");
      // A database whose first transaction fails (a full disk, a lost connection), then recovers.
      const real = t.app.ctx.db;
      let failures = 1;
      const flaky = new Proxy(real, {
        get: (target, key) => {
          if (key === "transaction" && failures-- > 0) return () => ({ execute: () => Promise.reject(new Error("disk full")) });
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const buffer = new ActivityBuffer(flaky);
      t.clock.advance(11 * 60_000);
      buffer.note(user.id, "2000-01-01T00:00:00.000Z", t.clock.now());
      await expect(buffer.flush()).rejects.toThrow("disk full");
      t.clock.advance(11 * 60_000);
      buffer.note(user.id, "2000-01-01T00:00:00.000Z", t.clock.now());
      await buffer.flush();
      expect((await findUserById(t.app.ctx.db, user.id))!.lastActiveAt).toBe(t.clock.now().toISOString());
    } finally {
      await t.close();
    }
  });
});
