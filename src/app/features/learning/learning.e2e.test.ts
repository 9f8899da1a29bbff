import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContestPack } from "../../../server/content/pack-loader";
import { type E2E, startE2E } from "../../test/e2e-harness";

/**
 * The demo pack with every video swapped for an 8-second cut of lesson 1 (committed in
 * fixtures/), so a lesson can be watched to the end in seconds. The server rules are the real
 * ones: 90 % coverage, 1.5× cap, forward seeking blocked, plausibility against the wall clock.
 */
const CLIP_SEC = 8;
const contentDir = mkdtempSync(path.join(tmpdir(), "hvai-learning-e2e-"));

function shortLessons(p: ContestPack): ContestPack {
  mkdirSync(path.join(contentDir, "media"), { recursive: true });
  copyFileSync(path.join(__dirname, "fixtures/lesson-clip.mp4"), path.join(contentDir, "media/lesson-clip.mp4"));
  for (const l of p.lessons) {
    for (const file of [l.video.poster, l.video.subtitles]) copyFileSync(path.join(p.contentDir, file), path.join(contentDir, file));
  }
  return {
    ...p,
    contentDir,
    lessons: p.lessons.map((l) => ({
      ...l,
      durationSec: CLIP_SEC,
      video: { ...l.video, sources: [{ src: "media/lesson-clip.mp4", type: "video/mp4" }] },
      checkpoints: l.checkpoints.slice(0, 1).map((c) => ({ ...c, atSec: l.order === 1 ? 3 : 6 })),
    })),
  };
}

const video = (page: Page) => page.locator("video");
const currentTime = (page: Page) => video(page).evaluate((v: HTMLVideoElement) => v.currentTime);
const openLessons = (page: Page) => page.getByText("Học", { exact: true }).click();
const play = (page: Page) => video(page).evaluate((v: HTMLVideoElement) => v.play());

describe("learning in a phone browser", () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ pack: shortLessons });
  });
  afterAll(async () => {
    await e2e?.close();
    rmSync(contentDir, { recursive: true, force: true });
  });

  it("watches a lesson to completion, sees it in the list after a reload, and resumes another where the tab was closed", async () => {
    const page = await e2e.newPage();
    await page.context().grantPermissions(["notifications"], { origin: e2e.baseUrl });
    await e2e.signInAndOnboard(page, { name: "Trần Thị Học", unitCode: "10507" });

    await openLessons(page);
    await expect.poll(() => page.getByText("Đã hoàn thành 0/14 bài học").isVisible()).toBe(true);
    const list = page.getByRole("list", { name: "Danh sách bài học" });
    await expect.poll(() => list.getByRole("listitem").count()).toBe(14);
    await expect.poll(() => list.getByRole("listitem").first().textContent()).toContain("Chưa học");
    await e2e.screenshot(page, "learning-list-empty");

    // Lesson 1, at the highest speed allowed.
    await list.getByRole("button", { name: /AI tạo sinh là gì/ }).click();
    await expect.poll(() => page.getByText("Đã xem 0% · cần xem 90% để hoàn thành").isVisible()).toBe(true);
    await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
    const speeds = page.getByRole("group", { name: "Tốc độ phát" });
    expect(await speeds.getByRole("button").allTextContents()).toEqual(["1×", "1,25×", "1,5×"]);
    await speeds.getByRole("button", { name: "1,5×" }).click();
    await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(1.5);

    // Skipping ahead is refused before anything was watched.
    await video(page).evaluate((v: HTMLVideoElement) => void (v.currentTime = 6));
    await expect.poll(() => page.getByText("Bạn chỉ tua được tới đoạn đã xem").isVisible()).toBe(true);
    expect(await currentTime(page)).toBeLessThan(1);

    await play(page);
    // The practice question pauses the video at its second.
    await expect.poll(() => page.getByText("Câu hỏi ôn tập · không tính điểm").isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await video(page).evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    await page.getByRole("radio", { name: "Soạn bản nháp giấy mời họp để cán bộ chỉnh sửa" }).click();
    await expect.poll(() => page.getByText("Chính xác!").isVisible()).toBe(true);
    await e2e.screenshot(page, "learning-checkpoint");
    await page.getByRole("button", { name: "Xem tiếp" }).click();

    // The server decides completion from the merged seconds; then the app asks about reminders once.
    await expect.poll(() => page.getByText("Nhận nhắc hạn qua Zalo?").isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByText("Đã hoàn thành bài học").isVisible()).toBe(true);
    await e2e.screenshot(page, "learning-completed-consent");
    await page.getByRole("button", { name: "Đồng ý nhận nhắc" }).click();
    await expect.poll(() => page.getByText("Đã bật nhắc hạn qua Zalo.").isVisible()).toBe(true);
    const me = await e2e.app.ctx.db.selectFrom("users").select("notificationsConsent").where("fullName", "=", "Trần Thị Học").executeTakeFirstOrThrow();
    expect(me.notificationsConsent).toBe(1);
    await expect.poll(() => page.getByRole("button", { name: /Bài tiếp theo: Viết câu lệnh/ }).isVisible()).toBe(true);

    // After a reload of the app the list shows it, from the server. (The test build routes without
    // the /zapps/local base, so a deep URL would not survive a reload here; a person reopens at the start.)
    await page.goto(e2e.baseUrl);
    await openLessons(page);
    await expect.poll(() => page.getByText("Đã hoàn thành 1/14 bài học").isVisible()).toBe(true);
    await expect.poll(() => list.getByRole("listitem").first().textContent()).toContain("Đã hoàn thành");
    await e2e.screenshot(page, "learning-list-one-done");

    // Lesson 2 at normal speed; the network drops for a moment and nothing is lost.
    await list.getByRole("button", { name: /Bài 2/ }).click();
    await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
    await play(page);
    await expect.poll(() => currentTime(page), { timeout: 5000 }).toBeGreaterThan(1.5);
    await page.context().setOffline(true);
    await video(page).evaluate((v: HTMLVideoElement) => v.pause());
    await expect.poll(() => page.getByText("Đang mất mạng. Tiến độ xem được lưu trên máy").isVisible()).toBe(true);
    await page.context().setOffline(false);
    await expect.poll(() => page.getByText("Đang mất mạng. Tiến độ xem được lưu trên máy").isVisible()).toBe(false);

    await play(page);
    await expect.poll(() => currentTime(page), { timeout: 5000 }).toBeGreaterThan(3.5);
    const closedAt = await currentTime(page);
    const context = page.context();
    await page.close();

    // Reopening resumes at the same moment.
    const again = await context.newPage();
    await again.goto(e2e.baseUrl);
    await openLessons(again);
    await again.getByRole("list", { name: "Danh sách bài học" }).getByRole("button", { name: /Bài 2/ }).click();
    await expect.poll(() => again.getByText(/^Tiếp tục từ 0:0\d$/).isVisible()).toBe(true);
    expect(Math.abs((await currentTime(again)) - closedAt)).toBeLessThan(1);
    await e2e.screenshot(again, "learning-resumed");
    await again.getByRole("button", { name: "Danh sách bài học" }).click();
    await expect.poll(() => again.getByRole("list", { name: "Danh sách bài học" }).getByRole("listitem").nth(1).textContent()).toMatch(/Đang học \d+%/);
  });
});
