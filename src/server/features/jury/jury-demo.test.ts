import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { demoFillSheets } from "./jury-demo";
import { api, person, QUALIFIED, scoreAll, setupRound1 } from "./jury.test-helpers";

describe.each(DIALECTS)("demo shortcut: fill the other judges' sheets (%s)", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
  });
  afterEach(async () => t?.close());

  it("tops the jury up with people of departments without an entry, fills only unsubmitted sheets, conflicts still apply", async () => {
    const { org, j1, j2 } = await setupRound1(t);
    await api(t, "POST", "/api/jury/rounds/stage2/declaration", j2.auth, { conflicts: [] });
    await scoreAll(t, j2, 0);
    const before = await t.app.ctx.db.selectFrom("jurySheets").select(["entryId", "total"]).where("judgeId", "=", j2.id).orderBy("entryId").execute();
    const depts = t.pack.units.filter((u) => u.kind === "so_nganh" && !QUALIFIED.includes(u.code)).slice(0, 3);
    for (const [i, u] of depts.entries()) {
      const p = await person(t, `Cán Bộ Sở ${i + 1}`, "staff", u.code);
      await t.app.ctx.db.updateTable("users").set({ fullName: `Cán Bộ Sở ${i + 1}` }).where("id", "=", p.id).execute();
    }

    expect((await api(t, "POST", "/api/jury/rounds/stage2/demo-fill", j1.auth)).status).toBe(403);
    const r = await api(t, "POST", "/api/jury/rounds/stage2/demo-fill", org.auth);
    expect(r.status).toBe(200);
    expect(r.json().judges).toBe(t.pack.jury.trimmedMean.minJudges);
    const sheets = await t.app.ctx.db.selectFrom("jurySheets").select(["judgeId", "entryId", "status", "total"]).where("roundId", "=", "stage2").execute();
    expect(sheets.every((s) => s.status === "submitted")).toBe(true);
    expect(new Set(sheets.map((s) => s.judgeId)).size).toBe(t.pack.jury.trimmedMean.minJudges);
    // j1 works in a qualified ward: that entry stays out of their sheets.
    expect(sheets.filter((s) => s.judgeId === j1.id)).toHaveLength(QUALIFIED.length - 1);
    // j2's submitted sheets are untouched.
    expect(sheets.filter((s) => s.judgeId === j2.id).sort((a, b) => a.entryId.localeCompare(b.entryId)).map((s) => ({ entryId: s.entryId, total: s.total }))).toEqual(before);
    // Again: nothing left to fill.
    expect((await api(t, "POST", "/api/jury/rounds/stage2/demo-fill", org.auth)).json().sheets).toBe(0);
  });

  it("is refused outside the demo sign-in mode", async () => {
    const { org } = await setupRound1(t);
    const actor = await t.app.ctx.db.selectFrom("users").selectAll().where("id", "=", org.id).executeTakeFirstOrThrow();
    await expect(demoFillSheets({ ...t.app.ctx, env: { ...t.app.ctx.env, AUTH_DEV: false } }, actor, "stage2")).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
  });
});
