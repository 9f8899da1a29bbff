import { describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { entriesTick } from "./entries.jobs";
import { ROUND, withEntriesWorld } from "./entries.test-helpers";

// The ways into Stage-2 entries besides the entry page itself: the demo's one-tap join, the desktop
// sign-in, the invitation job and hook, and the API document.

describe("entries demo path", () => {
  it("with the demo sign-in, a lead's unit joins a round with one tap (audited); the route is refused otherwise", async () => {
    await withEntriesWorld("sqlite", async (w) => {
      const C = w.units[2];
      const leadC = await w.signIn("Lãnh Đạo C", "unit_lead", C);
      expect((await w.app.inject({ method: "GET", url: "/api/entries/rounds", headers: leadC.auth })).json()).toMatchObject({ demo: true, rounds: [{ myUnit: { eligible: false } }, expect.anything()] });
      const r = await w.app.inject({ method: "POST", url: `/api/entries/${ROUND}/demo-qualify`, headers: leadC.auth });
      expect(r.json()).toEqual({ units: 3, queued: 2 });
      expect((await w.app.inject({ method: "GET", url: `/api/entries/${ROUND}/units/${C}`, headers: leadC.auth })).statusCode).toBe(200);
      const staff = await w.signIn("Cán Bộ C", "staff", C);
      expect((await w.app.inject({ method: "POST", url: `/api/entries/${ROUND}/demo-qualify`, headers: staff.auth })).statusCode).toBe(403);
      w.app.ctx.env.AUTH_DEV = false;
      expect((await w.app.inject({ method: "POST", url: `/api/entries/${ROUND}/demo-qualify`, headers: leadC.auth })).statusCode).toBe(403);
    });
  });
});

describe.each(DIALECTS)("desktop sign-in with a one-time code (%s)", (dialect) => {
  it("the browser shows a code, the mini app confirms it, the browser gets a session once; wrong or expired codes are refused", async () => {
    await withEntriesWorld(dialect, async (w) => {
      const start = (await w.app.inject({ method: "POST", url: "/api/entries/desktop-sign-in" })).json();
      expect(start.code).toMatch(/^\d{3} \d{3}$/);
      const poll = () => w.app.inject({ method: "GET", url: `/api/entries/desktop-sign-in/${start.pollToken}` });
      expect((await poll()).json()).toEqual({ status: "waiting" });
      const wrong = start.code === "000 000" ? "111 111" : "000 000";
      expect((await w.app.inject({ method: "POST", url: "/api/entries/desktop-sign-in/confirm", headers: w.leadA.auth, payload: { code: wrong } })).statusCode).toBe(404);
      expect((await w.app.inject({ method: "POST", url: "/api/entries/desktop-sign-in/confirm", payload: { code: start.code } })).statusCode).toBe(401);
      expect((await w.app.inject({ method: "POST", url: "/api/entries/desktop-sign-in/confirm", headers: w.leadA.auth, payload: { code: start.code } })).json()).toEqual({ confirmed: true });
      const done = (await poll()).json();
      expect(done.status).toBe("confirmed");
      expect(done.session.user.id).toBe(w.leadA.user.id);
      const me = await w.app.inject({ method: "GET", url: `/api/entries/${ROUND}/units/${w.units[0]}`, headers: { authorization: `Bearer ${done.session.token}` } });
      expect(me.statusCode).toBe(200);
      expect((await poll()).statusCode).toBe(410);
      // A code nobody confirms expires after 5 minutes.
      const late = (await w.app.inject({ method: "POST", url: "/api/entries/desktop-sign-in" })).json();
      w.clock.advance(6 * 60_000);
      expect((await w.app.inject({ method: "POST", url: "/api/entries/desktop-sign-in/confirm", headers: w.leadA.auth, payload: { code: late.code } })).statusCode).toBe(404);
      expect((await w.app.inject({ method: "GET", url: `/api/entries/desktop-sign-in/${late.pollToken}` })).statusCode).toBe(410);
    });
  });
});

describe("entries job", () => {
  it("invites the leads once qualifiers are confirmed, without anyone pressing a button, and only once", async () => {
    await withEntriesWorld("sqlite", async (w) => {
      const log = { info: () => undefined, error: () => undefined } as unknown as Parameters<typeof entriesTick>[1];
      await entriesTick(w.app.ctx, log, true);
      await entriesTick(w.app.ctx, log, true);
      const rows = await w.app.ctx.db.selectFrom("reminderOutbox").select(["userId", "title"]).where("ruleId", "=", `entries-invite:${ROUND}`).execute();
      expect(rows).toEqual([{ userId: w.leadA.user.id, title: expect.stringContaining("Mời đơn vị nộp sản phẩm") }]);
    });
  });
});

describe.each(DIALECTS)("qualifiers confirmed → invitations at once (%s)", (dialect) => {
  it("queues the Stage-2 invitations when the organiser confirms Stage-1 qualifiers, through the declared hook, without the job", async () => {
    await withEntriesWorld(dialect, async (w) => {
      const leadC = await w.signIn("Lãnh Đạo C", "unit_lead", w.units[2]);
      w.clock.set(new Date(Date.parse(w.pack.stages[0]!.closesAt) + 3600_000));
      expect((await w.app.inject({ method: "POST", url: "/api/stages/stage1/close", headers: w.org.auth })).statusCode).toBe(200);
      const invited = () => w.app.ctx.db.selectFrom("reminderOutbox").select(["userId"]).where("ruleId", "=", `entries-invite:${ROUND}`).orderBy("userId").execute();
      expect(await invited()).toEqual([]);
      const res = await w.app.inject({ method: "POST", url: "/api/stages/stage1/qualifiers", headers: w.org.auth, payload: { unitCodes: [...w.units], reason: "Bổ sung đơn vị thứ ba theo quyết định của Ban tổ chức" } });
      expect(res.statusCode).toBe(200);
      // No entriesTick: the leads of every confirmed unit are invited by the time the organiser sees the answer.
      expect((await invited()).map((r) => r.userId).sort()).toEqual([w.leadA.user.id, leadC.user.id].sort());
      const inbox = (await w.app.inject({ method: "GET", url: "/api/inbox", headers: leadC.auth })).json();
      expect(JSON.stringify(inbox)).toContain("Mời đơn vị nộp sản phẩm");
      // Confirming again (same units) or the job running later sends nothing twice.
      await w.app.inject({ method: "POST", url: "/api/stages/stage1/qualifiers", headers: w.org.auth, payload: { unitCodes: [...w.units], reason: "Xác nhận lại" } });
      await entriesTick(w.app.ctx, { info: () => undefined, error: () => undefined } as unknown as Parameters<typeof entriesTick>[1], false);
      expect(await invited()).toHaveLength(2);
    });
  });
});

describe("entries in the API document", () => {
  it("every entries route is in the OpenAPI document", async () => {
    await withEntriesWorld("sqlite", async (w) => {
      const doc = (await w.app.inject({ method: "GET", url: "/docs/json" })).json() as { paths: Record<string, unknown> };
      const paths = Object.keys(doc.paths).filter((p) => p.startsWith("/api/entries"));
      for (const p of ["/api/entries/{round}/units/{unit}/draft", "/api/entries/uploads/{token}", "/api/entries/{round}/export.zip", "/api/entries/desktop-sign-in/confirm"]) expect(paths).toContain(p);
      expect(paths.length).toBeGreaterThanOrEqual(20);
    });
  });
});
