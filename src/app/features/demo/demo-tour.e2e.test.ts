import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, startE2E } from "../../test/e2e-harness";

const POLL = { timeout: 20_000 };
const WARD = "10507"; // Phường Thành Đông
/** Text nodes that read like an icon name ("zi_home") outside zmp-ui's icon elements (the icons are inline SVG). */
async function iconNamesShown(page: Page, scope = "body"): Promise<string[]> {
  return page.evaluate((sel) => {
    const found: string[] = [];
    for (const root of Array.from(document.querySelectorAll(sel))) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? "";
        if (/\bzi[_-][a-z0-9_]+/.test(text) && !n.parentElement?.closest(".zaui-icon")) found.push(text.trim());
      }
    }
    return found;
  }, scope);
}

const nav = (page: Page, label: string) => page.locator(".zaui-bottom-navigation-item-label", { hasText: label }).click();

describe("the newcomer's tour of the demo, through the demo panel", () => {
  let e2e: E2E;
  const outside = new Set<string>();

  beforeAll(async () => {
    // The real demo: the seeded city, a short test so the tour stays quick.
    e2e = await startE2E({ env: { DEMO_SEED: "1" }, pack: (p) => ({ ...p, quiz: { ...p.quiz, questionCount: 5 } }) });
  });
  afterAll(() => e2e?.close());

  async function page(): Promise<Page> {
    const p = await e2e.newPage();
    await p.context().route(/^https?:\/\/(?!localhost[:/])/, (route) => {
      outside.add(new URL(route.request().url()).host);
      return route.abort();
    });
    return p;
  }

  it("staff finish the lessons and the test, the organiser closes Stage 1, the review opens at the lesson moment", async () => {
    // 1. A member of staff signs in and lands on the home page; their unit already has a populated list.
    const staff = await page();
    await e2e.signInAndOnboard(staff, { name: "Trần Thị Ngọc Mai", unitCode: WARD });
    const roster = await e2e.app.ctx.db.selectFrom("rosterEntries").select(({ fn }) => fn.countAll<number>().as("n")).where("unitCode", "=", WARD).executeTakeFirstOrThrow();
    expect(Number(roster.n)).toBeGreaterThan(10);
    // The newcomer is on their unit's list, so what they do moves the unit on the board.
    const me = await e2e.app.ctx.db.selectFrom("users").select("id").where("fullName", "=", "Trần Thị Ngọc Mai").executeTakeFirstOrThrow();
    expect(await e2e.app.ctx.db.selectFrom("rosterEntries").select("unitCode").where("userId", "=", me.id).execute()).toEqual([{ unitCode: WARD }]);
    expect(await iconNamesShown(staff)).toEqual([]);
    await e2e.screenshot(staff, "tour-01-staff-home");

    // 2. The demo panel (Cá nhân → Bảng điều khiển trình diễn) finishes the 14 lessons for this account.
    await nav(staff, "Cá nhân");
    await staff.getByRole("button", { name: "Bảng điều khiển trình diễn" }).click();
    await expect.poll(() => staff.getByRole("note").filter({ hasText: "Chỉ có trong bản trình diễn (AUTH_DEV)" }).isVisible(), POLL).toBe(true);
    // Staff see the moments but cannot move the clock.
    await expect.poll(() => staff.getByRole("button", { name: "Giai đoạn 1 đã kết thúc" }).isDisabled(), POLL).toBe(true);
    await staff.getByRole("button", { name: "Hoàn thành tất cả bài học (trình diễn)" }).click();
    await expect.poll(() => staff.getByRole("status").filter({ hasText: "Đã đánh dấu xem xong 14/14 bài học" }).isVisible(), POLL).toBe(true);
    expect(await iconNamesShown(staff, ".demo-panel")).toEqual([]);
    await e2e.screenshot(staff, "tour-02-demo-panel-lessons");

    // 3. The test, answered and submitted.
    await nav(staff, "Kiểm tra");
    await expect.poll(() => staff.getByText("Đã hoàn thành 14/14 bài học").isVisible(), POLL).toBe(true);
    await staff.getByRole("button", { name: "Bắt đầu làm bài" }).click();
    await staff.getByRole("button", { name: "Bắt đầu", exact: true }).click();
    for (let n = 1; n <= 5; n++) {
      await expect.poll(() => staff.getByText(`Câu ${n}/5`).isVisible(), POLL).toBe(true);
      await staff.getByRole("radio").first().click();
      await expect.poll(() => staff.getByRole("radio").first().getAttribute("aria-checked"), POLL).toBe("true");
      if (n < 5) await staff.getByRole("button", { name: "Câu sau" }).click();
    }
    await staff.getByRole("button", { name: "Nộp bài", exact: true }).click();
    await staff.getByRole("button", { name: "Xác nhận nộp bài" }).click();
    await expect.poll(() => staff.getByText("Kết quả lượt 1").isVisible(), POLL).toBe(true);
    const board = await e2e.app.inject({ method: "GET", url: "/api/me/unit-status", headers: { authorization: `Bearer ${await staff.evaluate(() => JSON.parse(localStorage.getItem("hvai.session.v1") ?? "{}").token as string)}` } });
    expect(board.json()).toMatchObject({ onRoster: true, participated: true });
    expect(await iconNamesShown(staff)).toEqual([]);
    await e2e.screenshot(staff, "tour-03-test-result");

    // 4. The organiser moves the demo clock to "Stage 1 closed" from the demo panel.
    const org = await page();
    await e2e.signInAndOnboard(org, { name: "Nguyễn Thùy Dương", role: "organizer", unitCode: "SO-KHCN" });
    await nav(org, "Cá nhân");
    await org.getByRole("button", { name: "Bảng điều khiển trình diễn" }).click();
    await org.getByRole("button", { name: "Giai đoạn 1 đã kết thúc" }).click();
    await expect.poll(() => org.getByRole("status").filter({ hasText: "Đã chuyển đồng hồ cuộc thi đến: Giai đoạn 1 đã kết thúc" }).isVisible(), POLL).toBe(true);
    await expect.poll(() => org.getByRole("button", { name: "Giai đoạn 1 đã kết thúc" }).getAttribute("aria-pressed"), POLL).toBe("true");
    expect(e2e.app.ctx.clock.now().getTime()).toBeGreaterThan(Date.parse(e2e.app.ctx.pack.stages[0]!.closesAt));
    expect(await iconNamesShown(org, ".demo-panel")).toEqual([]);
    await e2e.screenshot(org, "tour-04-clock-stage1-closed");

    // 5. The organiser closes Stage 1 and confirms the proposed qualifiers.
    await nav(org, "Cá nhân");
    await org.getByRole("button", { name: "Trang Ban tổ chức" }).click();
    await org.getByRole("button", { name: "Chốt kết quả Giai đoạn 1" }).click();
    await org.getByRole("button", { name: "Chốt kết quả", exact: true }).click();
    await expect.poll(() => org.getByLabel("Mã SHA-256").isVisible(), POLL).toBe(true);
    const choices = org.getByRole("list", { name: "Chọn đơn vị vào Giai đoạn 2" });
    await expect.poll(() => choices.getByRole("checkbox", { checked: true }).count(), POLL).toBe(11);
    await org.getByRole("button", { name: "Xác nhận 11 đơn vị" }).click();
    await expect.poll(async () => (await e2e.app.ctx.db.selectFrom("qualifierConfirmations").selectAll().execute()).length, POLL).toBe(1);
    expect(await iconNamesShown(org)).toEqual([]);
    await e2e.screenshot(org, "tour-05-organiser-qualifiers");

    // 6. Back to staff: the review is open; its link opens the lesson at that moment.
    // The result screen belongs to the attempt (no bottom navigation there): its own button leads back.
    await staff.getByRole("button", { name: "Về trang Kiểm tra" }).click();
    await staff.getByRole("button", { name: "Xem đáp án", exact: true }).click();
    const link = staff.getByRole("button", { name: /^▶ Xem lại Bài \d+ – nội dung ở phút/ }).first();
    await expect.poll(() => link.isVisible(), POLL).toBe(true);
    await e2e.screenshot(staff, "tour-06-review");
    await link.click();
    const t = Number(new URL(staff.url()).searchParams.get("t"));
    expect(t).toBeGreaterThan(0);
    expect(staff.url()).toMatch(/\/learn\/bai-\d\d\?t=\d+/);
    await expect.poll(() => staff.locator("video").evaluate((v: HTMLVideoElement) => v.readyState), POLL).toBeGreaterThan(0);
    await expect.poll(() => staff.locator("video").evaluate((v: HTMLVideoElement) => Math.round(v.currentTime)), POLL).toBe(t);
    await expect.poll(() => staff.getByRole("status").filter({ hasText: "Mở tại đoạn bài giảng liên quan" }).isVisible(), POLL).toBe(true);
    // The words are drawn in the video: subtitles start off.
    await expect.poll(() => staff.getByRole("button", { name: "Phụ đề: Tắt" }).isVisible(), POLL).toBe(true);
    expect(await iconNamesShown(staff)).toEqual([]);
    await e2e.screenshot(staff, "tour-07-lesson-at-moment");

    // Nothing was asked of an outside host (the icons ship with the app).
    expect([...outside]).toEqual([]);
  });
});
