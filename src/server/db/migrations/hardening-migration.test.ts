import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";

/** Issue 10 #4: PostgreSQL `real` kept ~7 digits and refused values below ~1e-38 (500s). */
describe.each(DIALECTS)("8-byte numbers on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("stores scores and positions with full double precision, tiny values included", async () => {
    if (dialect === "postgres") {
      const types = await sql<{ table_name: string; column_name: string; data_type: string }>`
        SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('real', 'double precision')`.execute(t.app.ctx.db);
      expect(types.rows.filter((r) => r.data_type === "real")).toEqual([]);
      expect(types.rows.length).toBeGreaterThanOrEqual(7);
    }
    const { user, auth } = await t.signIn("Nguyễn Văn A", "staff", "10507");
    const lesson = t.pack.lessons[0]!.id;
    const res = await t.app.inject({ method: "POST", url: `/api/lessons/${lesson}/progress`, headers: auth, payload: { intervals: [[0, 1e-39]], position: 1e-39 } });
    expect(res.statusCode).toBe(200);
    const precise = 12.345678901234567;
    await t.app.ctx.db.updateTable("lessonProgress").set({ lastPosition: precise }).where("userId", "=", user.id).execute();
    const row = await t.app.ctx.db.selectFrom("lessonProgress").select("lastPosition").where("userId", "=", user.id).executeTakeFirstOrThrow();
    expect(row.lastPosition).toBe(precise);
  });
});
