import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StageResultResponse } from "../../../domain/ranking/ranking.schema";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";

describe.each(DIALECTS)("stage ids are data on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers for every stage of the pack, and refuses ids the pack does not have", async () => {
    const organizer = await t.signIn("Ban Tổ Chức", "organizer");
    for (const stage of t.pack.stages) {
      const res = await t.app.inject({ method: "GET", url: `/api/stages/${stage.id}/result`, headers: organizer.auth });
      expect(res.statusCode).toBe(200);
      const body = res.json() as StageResultResponse;
      expect(body).toMatchObject({ stageId: stage.id, stageClosesAt: stage.closesAt, snapshot: null, proposed: null });
    }
    const later = t.pack.stages[1]!;
    const close = await t.app.inject({ method: "POST", url: `/api/stages/${later.id}/close`, headers: organizer.auth });
    expect(close.statusCode).toBe(409);
    const csv = await t.app.inject({ method: "GET", url: `/api/stages/${later.id}/snapshot.csv` });
    expect(csv.statusCode).toBe(404);
    expect(csv.json().error.code).toBe("SNAPSHOT_MISSING");
    const unknown = await t.app.inject({ method: "GET", url: "/api/stages/stage9/result", headers: organizer.auth });
    expect(unknown.statusCode).toBe(400);
  });
});
