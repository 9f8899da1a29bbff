import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";

/**
 * Progress reports share commits with each other (and with answer saves) on SQLite: reports that
 * arrive together are one transaction, each answered after it. A report refused in such a batch
 * must leave nothing behind, and must not take the others down with it.
 */
describe.each(DIALECTS)("lesson progress reports under load on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  it("stores every accepted report of a burst; a refused one in the same burst writes nothing", async () => {
    const people = await Promise.all(Array.from({ length: 24 }, (_, i) => t.signIn(`Người xem ${i}`)));
    for (const p of people) expect((await t.app.inject({ method: "GET", url: "/api/lessons/bai-01", headers: p.auth })).statusCode).toBe(200);
    const stranger = await t.signIn("Chưa mở bài");
    t.clock.advance(10_000);
    const before = t.app.ctx.caches.groupCommit.committer?.commits ?? 0;

    const report = (auth: { authorization: string }, to: number) =>
      t.app.inject({ method: "POST", url: "/api/lessons/bai-01/progress", headers: auth, payload: { intervals: [[0, to]], position: to } });
    // The stranger never opened the lesson: 300 s of video at once is implausible.
    const [refused, ...accepted] = await Promise.all([report(stranger.auth, 300), ...people.map((p) => report(p.auth, 10))]);

    expect(refused!.statusCode).toBe(422);
    expect(refused!.json().error.code).toBe("PROGRESS_IMPLAUSIBLE");
    expect(accepted.map((r) => r.statusCode)).toEqual(people.map(() => 200));
    expect(accepted.every((r) => r.json().watchedSec === 10)).toBe(true);

    const rows = await t.app.ctx.db.selectFrom("lessonProgress").select(["userId", "watchedSec"]).where("lessonId", "=", "bai-01").execute();
    const byUser = new Map(rows.map((r) => [r.userId, r.watchedSec]));
    for (const p of people) expect(byUser.get(p.user.id)).toBe(10);
    // Not even the lesson's clock was started by the refused report.
    expect(byUser.has(stranger.user.id)).toBe(false);

    if (dialect === "sqlite") {
      // Shared commits: fewer transactions than reports.
      const commits = t.app.ctx.caches.groupCommit.committer!.commits - before;
      expect(commits).toBeGreaterThan(0);
      expect(commits).toBeLessThan(people.length + 1);
    } else {
      expect(t.app.ctx.caches.groupCommit.committer).toBeNull();
    }
  });
});
