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
      // The CamelCasePlugin maps result names: data_type arrives as dataType.
      const types = await sql<{ tableName: string; columnName: string; dataType: string }>`
        SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = current_schema() AND data_type IN ('real', 'double precision')`.execute(t.app.ctx.db);
      expect(types.rows.filter((r) => r.dataType === "real")).toEqual([]);
      expect(types.rows.filter((r) => r.dataType === "double precision").length).toBeGreaterThanOrEqual(8);
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

  it("keeps a jury sheet's total to more than 7 significant digits (0015: jury_sheets.total was still real on PostgreSQL)", async () => {
    const judge = await t.signIn("Giám Khảo Chính Xác", "judge");
    const total = 87.123456789012;
    const at = t.clock.now().toISOString();
    const sheet = { roundId: "stage2", judgeId: judge.user.id, entryId: "precise-entry", scores: "{}", total, comment: null, status: "draft", version: 1, updatedAt: at, submittedAt: null };
    await t.app.ctx.db.insertInto("jurySheets").values(sheet).execute();
    const row = await t.app.ctx.db.selectFrom("jurySheets").select("total").where("entryId", "=", "precise-entry").executeTakeFirstOrThrow();
    expect(row.total).toBe(total);
  });
});
