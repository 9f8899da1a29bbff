import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { parseEnv } from "../../config/env";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { computeBoards } from "../ranking/ranking.service";
import { seedDemoCity } from "./demo-seed";

const WARD = "10507";

describe.each(DIALECTS)("demo panel API on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  it("moves the contest clock between its moments; only organisers may, and a restart keeps it", async () => {
    const staff = await t.signIn("Trần Văn Bình", "staff", WARD);
    const org = await t.signIn("Ban tổ chức", "organizer");
    const before = (await t.app.inject({ method: "GET", url: "/api/demo/clock", headers: staff.auth })).json();
    expect(before.moments.map((m: { id: string }) => m.id)).toEqual(["s1_open", "s1_last_evening", "s1_closed", "s2_open", "s2_closed", "final", "results"]);
    expect(before.offsetMs).toBe(0);
    const denied = await t.app.inject({ method: "POST", url: "/api/demo/clock", headers: staff.auth, payload: { moment: "s1_closed" } });
    expect(denied.statusCode).toBe(403);

    const moved = await t.app.inject({ method: "POST", url: "/api/demo/clock", headers: org.auth, payload: { moment: "s1_closed" } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().current).toBe("s1_closed");
    // Every feature follows: the contest's server time, and Stage 1 can now be closed.
    const contest = (await t.app.inject({ method: "GET", url: "/api/contest" })).json();
    expect(Date.parse(contest.serverNow)).toBeGreaterThan(Date.parse(t.pack.stages[0]!.closesAt));
    expect(Date.parse(contest.serverNow)).toBeLessThan(Date.parse(t.pack.stages[1]!.opensAt));
    const closed = await t.app.inject({ method: "POST", url: "/api/stages/stage1/close", headers: org.auth });
    expect(closed.statusCode).toBe(200);

    // Same database, a new process: the clock is where the organiser left it.
    const again = await buildApp({ env: t.env, clock: t.clock, pack: t.pack, logger: false, wwwDir: "/nonexistent" });
    try {
      const state = (await again.inject({ method: "GET", url: "/api/demo/clock", headers: staff.auth })).json();
      expect(state.current).toBe("s1_closed");
      expect(state.offsetMs).toBe(moved.json().offsetMs);
    } finally {
      await again.close();
    }
    const back = await t.app.inject({ method: "POST", url: "/api/demo/clock", headers: org.auth, payload: { reset: true } });
    expect(back.json()).toMatchObject({ offsetMs: 0, current: "s1_open" });
  });

  it("keeps everyone signed in when the contest clock jumps weeks ahead (sessions run on real time)", async () => {
    const org = await t.signIn("Ban Tổ Chức Phiên", "organizer", "10507");
    const clock = (await t.app.inject({ method: "GET", url: "/api/demo/clock", headers: org.auth })).json() as { moments: { id: string; at: string }[] };
    const last = clock.moments[clock.moments.length - 1]!;
    expect((await t.app.inject({ method: "POST", url: "/api/demo/clock", headers: org.auth, payload: { moment: last.id } })).statusCode).toBe(200);
    // The same token, right after a jump past its 7-day lifetime in contest time.
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: org.auth });
    expect(me.statusCode).toBe(200);
    expect((await t.app.inject({ method: "POST", url: "/api/demo/clock", headers: org.auth, payload: { moment: clock.moments[0]!.id } })).statusCode).toBe(200);
  });

  it("finds the same account again for the same name and role, and lists the demo accounts", async () => {
    const first = await t.signIn("Lê Thị Hoa", "staff", WARD);
    const again = await t.signIn("  lê thị   HOA ", "staff");
    expect(again.user.id).toBe(first.user.id);
    expect(again.user.unitCode).toBe(WARD);
    const asLead = await t.signIn("Lê Thị Hoa", "unit_lead", WARD);
    expect(asLead.user.id).not.toBe(first.user.id);

    const list = (await t.app.inject({ method: "GET", url: "/api/demo/accounts" })).json().accounts;
    const mine = list.filter((a: { name: string }) => a.name === "Lê Thị Hoa");
    expect(mine.map((a: { role: string }) => a.role).sort()).toEqual(["staff", "unit_lead"]);
    expect(mine[0].unitName).toBeTruthy();
    const switched = await t.app.inject({ method: "POST", url: `/api/demo/accounts/${first.user.id}/session` });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().user.id).toBe(first.user.id);
    const unknown = await t.app.inject({ method: "POST", url: `/api/demo/accounts/${randomUUID()}/session` });
    expect(unknown.statusCode).toBe(404);
  });

  it("keeps the list match on the account that has it when another account verifies the same phone", async () => {
    const phone = "0988111222";
    const now = t.clock.now().toISOString();
    await t.app.ctx.db
      .insertInto("rosterEntries")
      .values({ id: randomUUID(), unitCode: WARD, rowKey: `tel:${phone}`, fullName: "Phạm Minh Tuấn", phone, position: "Chuyên viên", subUnit: "Phòng Kinh tế", userId: null, isLead: 0, source: "import", createdAt: now, updatedAt: now })
      .execute();
    const tuan = await t.signIn("Phạm Minh Tuấn", "staff");
    const verified = await t.app.inject({ method: "POST", url: "/api/auth/phone", headers: tuan.auth, payload: { phoneToken: `dev:${phone}` } });
    expect(verified.json().user.unitCode).toBe(WARD);
    const done = await t.app.inject({ method: "POST", url: "/api/demo/complete-lessons", headers: tuan.auth });
    expect(done.json()).toEqual({ completed: 14, total: 14 });

    const second = await t.signIn("Tuấn (tài khoản mới)", "staff");
    await t.app.inject({ method: "POST", url: "/api/auth/phone", headers: second.auth, payload: { phoneToken: `dev:${phone}` } });
    const entry = await t.app.ctx.db.selectFrom("rosterEntries").select("userId").where("phone", "=", phone).executeTakeFirstOrThrow();
    expect(entry.userId).toBe(tuan.user.id);
    const status = (await t.app.inject({ method: "GET", url: "/api/me/unit-status", headers: tuan.auth })).json();
    expect(JSON.stringify(status)).toContain(WARD);
  });

  it("completes the lessons for a demo account only, and puts a demo account on its unit's list", async () => {
    const me = await t.signIn("Đỗ Thu Trang", "staff");
    const at0 = t.clock.now().toISOString();
    for (const [unitCode, phone] of [["10945", "0977000001"], [WARD, "0977000002"]] as const)
      await t.app.ctx.db.insertInto("rosterEntries").values({ id: randomUUID(), unitCode, rowKey: `tel:${phone}`, fullName: "Người trong danh sách", phone, position: null, subUnit: null, userId: null, isLead: 0, source: "import", createdAt: at0, updatedAt: at0 }).execute();
    // A unit without a list stays without one.
    await t.app.inject({ method: "PATCH", url: "/api/me", headers: me.auth, payload: { unitCode: "10525" } });
    expect(await t.app.ctx.db.selectFrom("rosterEntries").selectAll().where("userId", "=", me.user.id).execute()).toEqual([]);
    const placed = await t.app.inject({ method: "PATCH", url: "/api/me", headers: me.auth, payload: { unitCode: "10945" } });
    expect(placed.statusCode).toBe(200);
    const rows = await t.app.ctx.db.selectFrom("rosterEntries").selectAll().where("userId", "=", me.user.id).execute();
    expect(rows.map((r) => [r.unitCode, r.source])).toEqual([["10945", "claim"]]);
    await t.app.inject({ method: "PATCH", url: "/api/me", headers: me.auth, payload: { unitCode: WARD } });
    const moved = await t.app.ctx.db.selectFrom("rosterEntries").select("unitCode").where("userId", "=", me.user.id).execute();
    expect(moved.map((r) => r.unitCode)).toEqual([WARD]);

    const done = (await t.app.inject({ method: "POST", url: "/api/demo/complete-lessons", headers: me.auth })).json();
    expect(done).toEqual({ completed: 14, total: 14 });
    const lessons = (await t.app.inject({ method: "GET", url: "/api/lessons", headers: me.auth })).json();
    expect(lessons).toMatchObject({ completedCount: 14, allCompleted: true });

    // An account that did not come from the demo sign-in is never touched by the panel.
    const at = t.clock.now().toISOString();
    const id = randomUUID();
    await t.app.ctx.db.insertInto("users").values({ id, zaloId: "zalo-real", zaloName: "Thật", fullName: "Người thật", role: "staff", lastActiveAt: at, createdAt: at, updatedAt: at }).execute();
    const { issueSessionToken } = await import("../auth/session-token");
    const token = issueSessionToken(t.env.SESSION_SECRET, id, t.clock.now());
    const refused = await t.app.inject({ method: "POST", url: "/api/demo/complete-lessons", headers: { authorization: `Bearer ${token}` } });
    expect(refused.statusCode).toBe(403);
  });

  it("seeds a city once, in one go, that the boards read at once", async () => {
    const first = await seedDemoCity(t.app.ctx.db, t.pack, t.clock.now(), 600);
    expect(first).toEqual({ seeded: true, people: 600 });
    expect(await seedDemoCity(t.app.ctx.db, t.pack, t.clock.now(), 600)).toEqual({ seeded: false, people: 0 });
    const boards = await computeBoards(t.app.ctx);
    const rows = Object.values(boards).flat() as Array<{ rosterCount: number; participationPct: number | null }>;
    expect(rows.filter((r) => r.rosterCount > 0)).toHaveLength(t.pack.units.length);
    expect(rows.some((r) => (r.participationPct ?? 0) > 0)).toBe(true);
  });
});

describe("demo routes without AUTH_DEV", () => {
  it("answers 404 for every /api/demo route", async () => {
    const t = await buildTestApp("sqlite", { env: { AUTH_DEV: "0" } });
    try {
      for (const [method, url] of [["GET", "/api/demo/clock"], ["POST", "/api/demo/clock"], ["GET", "/api/demo/accounts"], ["POST", "/api/demo/complete-lessons"]] as const) {
        const res = await t.app.inject({ method, url, payload: method === "POST" ? { moment: "s1_closed" } : undefined });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
      // And no env can turn AUTH_DEV on in production.
      expect(() => parseEnv({ NODE_ENV: "production", AUTH_DEV: "1", SESSION_SECRET: "x".repeat(40), ZALO_APP_ID: "a", ZALO_APP_SECRET: "b" })).toThrow(/AUTH_DEV/);
    } finally {
      await t.close();
    }
  });
});
