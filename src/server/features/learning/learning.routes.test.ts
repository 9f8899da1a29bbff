import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LessonDetailResponse, LessonListResponse, ProgressResponse } from "../../../domain/learning/learning.schema";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";

type Auth = { authorization: string };

describe.each(DIALECTS)("learning API on %s", (dialect) => {
  let t: TestApp;
  let ordered: TestApp;

  beforeAll(async () => {
    [t, ordered] = await Promise.all([
      buildTestApp(dialect),
      buildTestApp(dialect, { pack: (p) => ({ ...p, learning: { ...p.learning, requireOrder: true } }) }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), ordered?.close()]);
  });

  const open = async (app: TestApp, auth: Auth, id: string) => app.app.inject({ method: "GET", url: `/api/lessons/${id}`, headers: auth });
  const report = async (app: TestApp, auth: Auth, id: string, payload: unknown) =>
    app.app.inject({ method: "POST", url: `/api/lessons/${id}/progress`, headers: auth, payload: payload as Record<string, unknown> });
  const list = async (app: TestApp, auth: Auth) => (await app.app.inject({ method: "GET", url: "/api/lessons", headers: auth })).json() as LessonListResponse;

  /** Watch [from, to) at normal speed, reporting every 10 s as the player does. */
  async function watch(app: TestApp, auth: Auth, id: string, from: number, to: number): Promise<ProgressResponse> {
    let last: ProgressResponse | undefined;
    for (let a = from; a < to; a += 10) {
      const b = Math.min(to, a + 10);
      app.clock.advance((b - a) * 1000);
      const res = await report(app, auth, id, { intervals: [[a, b]], position: b });
      expect(res.statusCode).toBe(200);
      last = res.json() as ProgressResponse;
    }
    if (!last) throw new Error("nothing watched");
    return last;
  }

  it("lists every lesson of the pack as not started, with media URLs this API serves", async () => {
    const me = await t.signIn("Nguyễn Văn Học");
    const body = await list(t, me.auth);
    expect(body.total).toBe(t.pack.lessons.length);
    expect(body).toMatchObject({ completedCount: 0, allCompleted: false, rules: { completionThreshold: 0.9, maxPlaybackRate: 1.5, blockForwardSeek: true } });
    expect(body.lessons.map((l) => l.id)).toEqual(t.pack.lessons.map((l) => l.id));
    expect(body.lessons.every((l) => l.status === "not_started" && l.coverage === 0 && !l.locked)).toBe(true);
    expect(body.lessons[0]?.posterUrl).toBe("/media/media/bai-01.jpg");

    const detail = await open(t, me.auth, "bai-01");
    expect(detail.statusCode).toBe(200);
    const d = detail.json() as LessonDetailResponse;
    expect(d.lesson.sources[0]).toEqual({ src: "/media/media/bai-01.mp4", type: "video/mp4" });
    expect(d.lesson.subtitlesUrl).toBe("/media/media/bai-01.vtt");
    expect(d.lesson.checkpoints.length).toBeGreaterThanOrEqual(1);
    expect(d.progress).toMatchObject({ coverage: 0, completed: false, lastPosition: 0 });
    expect(d.next).toMatchObject({ id: "bai-02", locked: false });
  });

  it("answers 401 without a session and a coded 404 for an unknown lesson", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/lessons" })).statusCode).toBe(401);
    const me = await t.signIn("Trần Thị Mai");
    const res = await open(t, me.auth, "bai-99");
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("LESSON_NOT_FOUND");
    expect((await report(t, me.auth, "bai-99", { intervals: [], position: 0 })).json().error.code).toBe("LESSON_NOT_FOUND");
  });

  it("does not believe a client that claims completion without coverage", async () => {
    const me = await t.signIn("Lê Văn Nhanh");
    await open(t, me.auth, "bai-02");
    t.clock.advance(5000);
    const res = await report(t, me.auth, "bai-02", { intervals: [[0, 4]], position: 44, completed: true, coverage: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ completed: false, completedAt: null, justCompleted: false });
    expect(res.json().coverage).toBeCloseTo(4 / 44, 5);
    const row = (await list(t, me.auth)).lessons.find((l) => l.id === "bai-02");
    expect(row).toMatchObject({ status: "in_progress", completedAt: null });
  });

  it("completes a lesson once the merged coverage reaches the threshold, and keeps the place to resume", async () => {
    const me = await t.signIn("Phạm Thị Chăm");
    const lesson = t.pack.lessons[0]!;
    await open(t, me.auth, lesson.id);
    const half = await watch(t, me.auth, lesson.id, 0, 20);
    expect(half).toMatchObject({ completed: false, lastPosition: 20 });
    // Watching a stretch again adds nothing.
    const again = await watch(t, me.auth, lesson.id, 0, 20);
    expect(again.watchedSec).toBeCloseTo(20, 5);

    const threshold = Math.ceil(lesson.durationSec * 0.9);
    const almost = await watch(t, me.auth, lesson.id, 20, threshold - 1);
    expect(almost.completed).toBe(false);
    const done = await watch(t, me.auth, lesson.id, threshold - 1, threshold);
    expect(done).toMatchObject({ completed: true, justCompleted: true, completedCount: 1 });
    expect(done.completedAt).toBe(t.clock.now().toISOString());
    expect(done.intervals).toEqual([[0, threshold]]);

    const after = await watch(t, me.auth, lesson.id, threshold, lesson.durationSec);
    expect(after).toMatchObject({ completed: true, justCompleted: false, completedAt: done.completedAt, coverage: 1 });

    const listed = await list(t, me.auth);
    expect(listed.completedCount).toBe(1);
    expect(listed.lessons[0]).toMatchObject({ status: "completed", coverage: 1, completedAt: done.completedAt });
    const reopened = (await open(t, me.auth, lesson.id)).json() as LessonDetailResponse;
    expect(reopened.progress).toMatchObject({ lastPosition: lesson.durationSec, completed: true });
  });

  it("rejects a report with more new video than the wall clock allows, and records nothing from it", async () => {
    const me = await t.signIn("Đỗ Văn Tua");
    await open(t, me.auth, "bai-03");
    t.clock.advance(10_000);
    // 10 s at 1.5× plus a few seconds' grace is far from 40 s of video.
    const cheat = await report(t, me.auth, "bai-03", { intervals: [[0, 40]], position: 40 });
    expect(cheat.statusCode).toBe(422);
    expect(cheat.json().error.code).toBe("PROGRESS_IMPLAUSIBLE");
    const listed = (await list(t, me.auth)).lessons.find((l) => l.id === "bai-03");
    expect(listed).toMatchObject({ coverage: 0, status: "not_started" });

    // The same clock allows what 1.5× playback could really have covered …
    const fast = await report(t, me.auth, "bai-03", { intervals: [[0, 15]], position: 15 });
    expect(fast.statusCode).toBe(200);
    // … and a retry of it right away (lost response) is harmless: nothing new is claimed.
    const retry = await report(t, me.auth, "bai-03", { intervals: [[0, 15]], position: 15 });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().watchedSec).toBeCloseTo(15, 5);
    // Split into many small spans the claim is still measured in total.
    t.clock.advance(1000);
    const split = await report(t, me.auth, "bai-03", { intervals: [[15, 20], [20, 25], [25, 30]], position: 30 });
    expect(split.statusCode).toBe(422);
  });

  it("validates the report", async () => {
    const me = await t.signIn("Hoàng Văn Sai");
    for (const payload of [{ intervals: [[10, 5]], position: 0 }, { intervals: [[-1, 5]], position: 0 }, { intervals: [], position: -3 }, { intervals: "all" }]) {
      const res = await report(t, me.auth, "bai-01", payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("does not lose seconds when two reports for the same lesson arrive at once", async () => {
    const me = await t.signIn("Vũ Thị Hai");
    await open(t, me.auth, "bai-04");
    t.clock.advance(10_000);
    // Two tabs: each claim fits the clock on its own; whichever lands second gets only the grace.
    const [a, b] = await Promise.all([
      report(t, me.auth, "bai-04", { intervals: [[0, 5]], position: 5 }),
      report(t, me.auth, "bai-04", { intervals: [[20, 25]], position: 25 }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const row = (await list(t, me.auth)).lessons.find((l) => l.id === "bai-04");
    expect(row?.coverage).toBeCloseTo(10 / t.pack.lessons[3]!.durationSec, 5);
  });

  it("reads rows other features wrote with only the contract columns", async () => {
    const me = await t.signIn("Bùi Văn Hợp");
    const at = t.clock.now().toISOString();
    await sql`insert into lesson_progress (user_id, lesson_id, completed_at) values (${me.user.id}, ${"bai-05"}, ${at})`.execute(t.app.ctx.db);
    const listed = await list(t, me.auth);
    expect(listed.completedCount).toBe(1);
    expect(listed.lessons.find((l) => l.id === "bai-05")).toMatchObject({ status: "completed", completedAt: at });
    // Opening it starts its clock; reports are then judged normally.
    await open(t, me.auth, "bai-05");
    t.clock.advance(10_000);
    expect((await report(t, me.auth, "bai-05", { intervals: [[0, 10]], position: 10 })).statusCode).toBe(200);
  });

  it("keeps later lessons locked until the earlier ones are done when the pack requires order", async () => {
    const me = await ordered.signIn("Ngô Thị Tuần Tự");
    const first = await list(ordered, me.auth);
    expect(first.rules.requireOrder).toBe(true);
    expect(first.lessons.map((l) => l.locked)).toEqual(first.lessons.map((_, i) => i > 0));
    const locked = await open(ordered, me.auth, "bai-02");
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe("LESSON_LOCKED");
    expect((await report(ordered, me.auth, "bai-02", { intervals: [], position: 0 })).statusCode).toBe(423);

    await open(ordered, me.auth, "bai-01");
    await watch(ordered, me.auth, "bai-01", 0, ordered.pack.lessons[0]!.durationSec);
    expect((await list(ordered, me.auth)).lessons[1]?.locked).toBe(false);
    expect((await open(ordered, me.auth, "bai-02")).statusCode).toBe(200);
  });

  describe("media", () => {
    const mp4 = () => path.join(t.pack.contentDir, "media/bai-01.mp4");

    it("answers a Range request with 206 and exactly those bytes", async () => {
      const file = readFileSync(mp4());
      const res = await t.app.inject({ method: "GET", url: "/media/media/bai-01.mp4", headers: { range: "bytes=100-1123" } });
      expect(res.statusCode).toBe(206);
      expect(res.headers["content-range"]).toBe(`bytes 100-1123/${file.length}`);
      expect(res.headers["accept-ranges"]).toBe("bytes");
      expect(res.headers["content-type"]).toBe("video/mp4");
      expect(Number(res.headers["content-length"])).toBe(1024);
      expect(res.rawPayload.equals(file.subarray(100, 1124))).toBe(true);

      const tail = await t.app.inject({ method: "GET", url: "/media/media/bai-01.mp4", headers: { range: "bytes=-50" } });
      expect(tail.statusCode).toBe(206);
      expect(tail.rawPayload.equals(file.subarray(file.length - 50))).toBe(true);

      const beyond = await t.app.inject({ method: "GET", url: "/media/media/bai-01.mp4", headers: { range: `bytes=${file.length + 10}-` } });
      expect(beyond.statusCode).toBe(416);
      expect(beyond.headers["content-range"]).toBe(`bytes */${file.length}`);
    });

    it("serves whole files with caching headers and revalidates by ETag", async () => {
      const res = await t.app.inject({ method: "GET", url: "/media/media/bai-01.vtt" });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/vtt/);
      expect(res.body.startsWith("WEBVTT")).toBe(true);
      expect(res.headers["cache-control"]).toMatch(/max-age=86400/);
      expect(res.headers.etag).toBeTruthy();
      const again = await t.app.inject({ method: "GET", url: "/media/media/bai-01.vtt", headers: { "if-none-match": String(res.headers.etag) } });
      expect(again.statusCode).toBe(304);
      const poster = await t.app.inject({ method: "HEAD", url: "/media/media/bai-01.jpg" });
      expect(poster.statusCode).toBe(200);
      expect(Number(poster.headers["content-length"])).toBe(statSync(path.join(t.pack.contentDir, "media/bai-01.jpg")).size);
    });

    it("serves only files a lesson names: never the question bank", async () => {
      for (const url of ["/media/questions.json", "/media/lessons.json", "/media/tools/render-media.sh", "/media/media/../questions.json", "/media/%2e%2e/packs/demo/contest.json"]) {
        const res = await t.app.inject({ method: "GET", url });
        expect(res.statusCode, url).toBe(404);
      }
    });

    it("points lessons at MEDIA_BASE_URL when production uses a CDN", async () => {
      const cdn = await buildTestApp(dialect, { env: { MEDIA_BASE_URL: "https://cdn.example.vn/hoc-vu-ai/" } });
      try {
        const me = await cdn.signIn("Lý Văn Mạng");
        const d = (await open(cdn, me.auth, "bai-01")).json() as LessonDetailResponse;
        expect(d.lesson.sources[0]?.src).toBe("https://cdn.example.vn/hoc-vu-ai/media/bai-01.mp4");
        expect(d.lesson.posterUrl).toBe("https://cdn.example.vn/hoc-vu-ai/media/bai-01.jpg");
      } finally {
        await cdn.close();
      }
    });
  });
});
