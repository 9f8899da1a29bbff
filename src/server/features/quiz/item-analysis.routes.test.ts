import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ItemAnalysisResponse } from "../../../domain/quiz/item-analysis.schema";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { completeLessons, keyOf, save, startAndLoad } from "./quiz.test-helpers";

/** Pearson correlation ×100, straight from per-attempt rows: the reference the aggregated SQL must match. */
function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let c = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < n; i++) {
    c += (xs[i]! - mx) * (ys[i]! - my);
    vx += (xs[i]! - mx) ** 2;
    vy += (ys[i]! - my) ** 2;
  }
  return (100 * c) / Math.sqrt(vx * vy);
}

describe.each(DIALECTS)("item analysis on %s", (dialect) => {
  let t: TestApp;
  /** attempt → question → 1/0, as the takers answered. */
  const truth = new Map<string, Map<string, number>>();

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    // 36 takers (above the 30 needed for correlations): taker i answers right the first ⌊i·30/36⌋
    // questions of their paper and leaves one unanswered, so scores spread from 0 to 29.
    for (let i = 0; i < 36; i++) {
      const me = await t.signIn(`Người thi ${i}`, "staff", i % 2 ? "10507" : "10945");
      await completeLessons(t, me.user.id);
      const attempt = await startAndLoad(t, me.auth);
      const marks = new Map<string, number>();
      const rightUpTo = Math.floor((i * 30) / 36);
      for (const [pos, q] of attempt.questions.entries()) {
        if (pos === 29) {
          marks.set(q.id, 0);
          continue;
        }
        const { right, wrong } = keyOf(t, q);
        const ok = pos < rightUpTo;
        expect((await save(t, me.auth, attempt.attempt.id, q.id, ok ? right : wrong, 1)).statusCode).toBe(200);
        marks.set(q.id, ok ? 1 : 0);
      }
      const submitted = await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${attempt.attempt.id}/submit`, headers: me.auth });
      expect(submitted.statusCode).toBe(200);
      truth.set(attempt.attempt.id, marks);
    }
  });
  afterAll(() => t.close());

  it("gives organisers facility and discrimination equal to those computed from the raw answers", async () => {
    const org = await t.signIn("Ban tổ chức", "organizer");
    const res = await t.app.inject({ method: "GET", url: "/api/quiz/item-analysis", headers: org.auth });
    expect(res.statusCode).toBe(200);
    const body = res.json() as ItemAnalysisResponse;
    expect(body.test.attempts).toBe(36);
    const totals = [...truth.values()].map((m) => [...m.values()].reduce((s, x) => s + x, 0));
    expect(body.test.mean).toBeCloseTo(totals.reduce((s, x) => s + x, 0) / 36, 8);
    for (const item of body.items) {
      const seen = [...truth.values()].filter((m) => m.has(item.questionId));
      const xs = seen.map((m) => m.get(item.questionId)!);
      expect(item.n).toBe(seen.length);
      expect(item.facility).toBeCloseTo(xs.reduce((s, x) => s + x, 0) / xs.length, 10);
      if (item.n < 30) expect(item.discrimination).toBeNull();
      else {
        const rest = seen.map((m) => [...m.values()].reduce((s, x) => s + x, 0) - m.get(item.questionId)!);
        const expected = pearson(xs, rest);
        if (Number.isFinite(expected)) expect(item.discrimination).toBeCloseTo(expected, 6);
      }
      const shares = item.options.reduce((s, o) => s + o.share, 0);
      expect(shares).toBeCloseTo(1, 10);
      expect(item.stem.length).toBeGreaterThan(0);
    }

    const xlsx = await t.app.inject({ method: "GET", url: "/api/quiz/item-analysis.xlsx", headers: org.auth });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Phân tích câu hỏi")!.rowCount).toBe(body.items.length + 1);
  });

  it("stops counting an attempt that leaves the finished states (the tally trigger subtracts it)", async () => {
    const org = await t.signIn("Ban tổ chức 2", "organizer");
    const before = (await t.app.inject({ method: "GET", url: "/api/quiz/item-analysis?attempts=all", headers: org.auth })).json() as ItemAnalysisResponse;
    const [attemptId] = [...truth.keys()];
    await t.app.ctx.db.updateTable("quizAttempts").set({ status: "active" }).where("id", "=", attemptId!).execute();
    const after = (await t.app.inject({ method: "GET", url: "/api/quiz/item-analysis?attempts=all", headers: org.auth })).json() as ItemAnalysisResponse;
    const seen = (r: ItemAnalysisResponse) => r.items.reduce((s, i) => s + i.n, 0);
    expect(seen(before) - seen(after)).toBe(30);
    await t.app.ctx.db.updateTable("quizAttempts").set({ status: "submitted" }).where("id", "=", attemptId!).execute();
    const again = (await t.app.inject({ method: "GET", url: "/api/quiz/item-analysis?attempts=all", headers: org.auth })).json() as ItemAnalysisResponse;
    expect(again.items).toEqual(before.items);
  });

  it("is for organisers only; a lead sees their unit's weak topics against the city, not another unit's", async () => {
    const staff = await t.signIn("Nhân viên", "staff", "10507");
    expect((await t.app.inject({ method: "GET", url: "/api/quiz/item-analysis", headers: staff.auth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/quiz/item-analysis" })).statusCode).toBe(401);
    const lead = await t.signIn("Lãnh đạo", "unit_lead", "10507");
    const mine = await t.app.inject({ method: "GET", url: "/api/units/10507/weak-topics", headers: lead.auth });
    expect(mine.statusCode).toBe(200);
    const lessons = mine.json().lessons as { unitAnswers: number; unitShareRight: number | null; cityShareRight: number | null }[];
    expect(lessons).toHaveLength(14);
    expect(lessons.reduce((s, l) => s + l.unitAnswers, 0)).toBe(18 * 30);
    expect(lessons.every((l) => l.cityShareRight !== null && l.cityShareRight >= 0 && l.cityShareRight <= 1)).toBe(true);
    expect((await t.app.inject({ method: "GET", url: "/api/units/10945/weak-topics", headers: lead.auth })).statusCode).toBe(403);
  });
});
