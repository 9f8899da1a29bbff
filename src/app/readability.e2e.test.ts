import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, SCREENSHOT_DIR, startE2E } from "./test/e2e-harness";
import { findLayoutProblems, installTextScale, type LayoutProblem } from "./test/layout-checks";

const WARD = "10507"; // Phường Thành Đông
const MAX_SHOTS = 4;
const VIEWS = [
  { name: "360x740-text150", width: 360, height: 740, textScale: 1.5 },
  { name: "320x640", width: 320, height: 640, textScale: 1 },
] as const;

/** A staff list with the long names and sub-units a commune really has. */
const ROSTER = [
  "Họ và tên,Số điện thoại,Chức vụ,Bộ phận",
  "Nguyễn Thị Phương Thảo Nguyên,0912000101,Phó Chánh Văn phòng HĐND và UBND,Văn phòng HĐND và UBND phường",
  "Phạm Quốc Bảo,0912000102,Chuyên viên,Phòng Kinh tế – Hạ tầng và Đô thị",
  "Trần Văn Hùng,0912000103,Công chức Tư pháp – Hộ tịch,Phòng Văn hóa – Xã hội",
  "Lê Thị Hồng Nhung,0912000104,Y sĩ,Trạm Y tế",
].join("\n");

describe("every screen at 150 % text on a 360 px phone and at normal text on a 320 px phone", () => {
  let e2e: E2E;
  const session: Record<"staff" | "organizer", string> = { staff: "", organizer: "" };
  let lessonId = "";

  beforeAll(async () => {
    e2e = await startE2E({ pack: (p) => ({ ...p, quiz: { ...p.quiz, questionCount: 5 } }) });
    const api = e2e.app;
    const staff = await api.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Nguyễn Thị Phương Thảo Nguyên", unitCode: WARD } });
    const org = await api.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Nguyễn Thùy Dương", role: "organizer", unitCode: "SO-KHCN" } });
    session.staff = staff.body;
    session.organizer = org.body;
    const auth = { authorization: `Bearer ${org.json().token}` };
    const boundary = "----readability";
    const upload = await api.inject({
      method: "POST",
      url: `/api/units/${WARD}/roster`,
      headers: { ...auth, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ds.csv"\r\nContent-Type: text/csv\r\n\r\n${ROSTER}\r\n--${boundary}--\r\n`,
    });
    expect(upload.statusCode).toBe(200);
    // The staff member finished the lessons, so the test can start.
    const { db, pack } = api.ctx;
    const at = new Date().toISOString();
    await db.insertInto("lessonProgress").values(pack.lessons.map((l) => ({ userId: staff.json().user.id, lessonId: l.id, completedAt: at }))).execute();
    lessonId = pack.lessons[0]!.id;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(() => e2e?.close());

  async function open(view: (typeof VIEWS)[number], who: keyof typeof session): Promise<Page> {
    const context = await e2e.browser.newContext({ viewport: { width: view.width, height: view.height }, isMobile: true, hasTouch: true, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
    await context.addInitScript((s) => window.localStorage.setItem("hvai.session.v1", s), session[who]);
    await context.addInitScript(installTextScale, view.textScale);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (err) => console.error(`[browser] ${err.message}`));
    return page;
  }

  /** Waits until the page has loaded its data and its slide-in has finished. */
  async function settle(page: Page, ready: string) {
    await expect.poll(() => page.getByText(ready, { exact: false }).first().isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 20_000 }).toBe(0);
    await page.evaluate(() => (window as unknown as { __scaleText?: () => void }).__scaleText?.());
    await page.waitForTimeout(400);
  }

  async function check(page: Page, view: (typeof VIEWS)[number], pageName: string): Promise<LayoutProblem[]> {
    const problems = await page.evaluate(findLayoutProblems);
    // zmp-ui pages scroll inside their own box, so the pictures are taken screen by screen.
    for (let shot = 1; shot <= MAX_SHOTS; shot++) {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `readability-${view.name}-${pageName}-${shot}.png`) });
      const more = await page.evaluate(() => {
        const scrollers = Array.from(document.querySelectorAll<HTMLElement>("body *")).filter((el) => /auto|scroll/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 1);
        const el = scrollers.sort((a, b) => b.scrollHeight - a.scrollHeight)[0] ?? document.scrollingElement;
        if (!el || el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return false;
        el.scrollTop += el.clientHeight * 0.85;
        return true;
      });
      if (!more) break;
      await page.waitForTimeout(150);
    }
    return problems.map((p) => ({ ...p, what: `${view.name} ${pageName}: ${p.what}` }));
  }

  for (const view of VIEWS) {
    it(`${view.name}: no sideways scrolling, no spilled text, a nav that holds its labels, tap targets ≥ 44 px, contrast ≥ 4.5:1`, async () => {
      const problems: LayoutProblem[] = [];
      const staff = await open(view, "staff");
      const visit = async (route: string, name: string, ready: string) => {
        await staff.goto(`${e2e.baseUrl}${route}`);
        await settle(staff, ready);
        problems.push(...(await check(staff, view, name)));
      };
      await visit("/", "home", "Lịch thi");
      await visit("/learn", "lessons", "Bài 1");
      await visit(`/learn/${lessonId}`, "lesson", "Bài 1");
      await visit("/test", "test", "Bài kiểm tra năng lực");

      // The attempt: start one (or resume the one the other view started); the nav is hidden meanwhile.
      const start = staff.getByRole("button", { name: /Bắt đầu làm bài|Tiếp tục bài đang làm/ });
      await start.click();
      // A new attempt asks to confirm first; a resumed one opens at once.
      const confirm = staff.getByRole("button", { name: "Bắt đầu", exact: true });
      await expect
        .poll(async () => {
          if (await confirm.isVisible().catch(() => false)) await confirm.click().catch(() => undefined);
          return staff.getByText("Câu 1/5").isVisible();
        }, { timeout: 20_000 })
        .toBe(true);
      await settle(staff, "Câu 1/5");
      expect(await staff.locator(".zaui-bottom-navigation").count()).toBe(0);
      problems.push(...(await check(staff, view, "attempt")));

      await visit("/rankings", "rankings", "Điểm tổng hợp");
      await visit("/me", "me", "Vai trò");
      await visit("/inbox", "inbox", "Thông báo");
      // The highlighted tab follows the section the page belongs to.
      await expect.poll(() => staff.locator(".zaui-bottom-navigation-item-active").textContent()).toContain("Cá nhân");
      // …and pressing that lit tab still leads back to the page it names.
      await staff.locator(".zaui-bottom-navigation-item-label", { hasText: "Cá nhân" }).click();
      await expect.poll(() => new URL(staff.url()).pathname).toMatch(/\/me$/);
      await staff.context().close();

      const org = await open(view, "organizer");
      await org.goto(`${e2e.baseUrl}/unit/${WARD}`);
      await settle(org, "Phạm Quốc Bảo");
      await expect.poll(() => org.locator(".zaui-bottom-navigation-item-active").textContent()).toContain("Cá nhân");
      problems.push(...(await check(org, view, "unit")));
      await org.goto(`${e2e.baseUrl}/organizer`);
      await settle(org, "Ban tổ chức");
      problems.push(...(await check(org, view, "organizer")));
      await org.context().close();

      expect(problems.map((p) => `${p.kind} — ${p.what}: ${p.detail}`)).toEqual([]);
    });
  }
});
