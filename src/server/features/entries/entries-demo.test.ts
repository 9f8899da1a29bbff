import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { seedDemoEntries } from "./entries-demo";
import { entriesWorld, type EntriesWorld, ROUND } from "./entries.test-helpers";

describe.each(DIALECTS)("demo: the other qualified units' entries (%s)", (dialect) => {
  let w: EntriesWorld;
  beforeEach(async () => {
    // units[0] is led by a demo account (the newcomer), units[1] by a seeded lead (not a demo account).
    w = await entriesWorld(dialect);
    const seeded = await w.signIn("Lãnh Đạo Thành Phố Mẫu", "unit_lead", w.units[1]);
    await w.app.ctx.db.deleteFrom("demoAccounts").where("userId", "=", seeded.user.id).execute();
  });
  afterEach(async () => {
    await w.close();
  });

  it("submits a complete entry with one PDF for each seeded-led unit, leaves the newcomer's unit alone, once", async () => {
    expect(await seedDemoEntries(w.app.ctx)).toBe(1);
    const rows = await w.app.ctx.db.selectFrom("entries").selectAll().where("roundId", "=", ROUND).execute();
    expect(rows.map((r) => [r.unitCode, r.status])).toEqual([[w.units[1], "submitted"]]);
    const files = await w.app.ctx.db.selectFrom("entryFiles").select(["mime", "name"]).where("entryId", "=", rows[0]!.id).execute();
    expect(files).toEqual([{ mime: "application/pdf", name: "thuyet-minh.pdf" }]);
    const version = await w.app.ctx.db.selectFrom("entryVersions").select(["fieldsJson", "sha256"]).where("entryId", "=", rows[0]!.id).where("submitted", "=", 1).executeTakeFirstOrThrow();
    expect(JSON.parse(version.fieldsJson).title).toMatch(/AI/);
    expect(version.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Idempotent: the job, the hook and the clock may all call it.
    expect(await seedDemoEntries(w.app.ctx)).toBe(0);
  });

  it("does nothing outside the demo sign-in mode", async () => {
    expect(await seedDemoEntries({ ...w.app.ctx, env: { ...w.app.ctx.env, AUTH_DEV: false } })).toBe(0);
    expect(await w.app.ctx.db.selectFrom("entries").selectAll().execute()).toEqual([]);
  });
});
