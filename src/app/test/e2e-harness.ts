import { mkdirSync } from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { expect, inject } from "vitest";
import type { Role } from "../../domain/auth/auth.schema";
import { buildApp } from "../../server/app";
import { parseEnv, RATE_LIMITS_OFF } from "../../server/config/env";
import type { ContestPack } from "../../server/content/pack-loader";
import { createTestDatabase, type TestDatabase } from "../../server/test/dialects";
import { demoPack } from "../../server/test/test-app";
import { launchChromium } from "./chromium";

export const SCREENSHOT_DIR = path.resolve(__dirname, "../../../.test-output/screenshots");

export type E2E = {
  baseUrl: string;
  app: FastifyInstance;
  browser: Browser;
  /** A new page at a phone viewport, with console errors collected. */
  newPage(): Promise<Page>;
  /** Dev sign-in through the UI, then onboarding (name, unit); ends on the home page. */
  signInAndOnboard(page: Page, who: { name: string; role?: Role; unitCode: string; unitSearch?: string }): Promise<void>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
};

/**
 * The real API (built app served from www/, temp SQLite, AUTH_DEV on, real clock) on a free
 * loopback port, and Chromium (chosen once per run, see chromium.ts) driven by playwright-core.
 */
export async function startE2E(opts: { pack?: (p: ContestPack) => ContestPack; env?: Record<string, string> } = {}): Promise<E2E> {
  const database: TestDatabase = await createTestDatabase("sqlite");
  const env = parseEnv({ ...RATE_LIMITS_OFF,
    NODE_ENV: "test",
    PORT: "0",
    DATABASE_URL: database.url,
    AUTH_DEV: "1",
    SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret",
    REMINDERS_WORKER: "0",
    LOG_LEVEL: "silent",
    ...opts.env,
  });
  const base = demoPack(new Date());
  const app = await buildApp({ env, pack: opts.pack ? opts.pack(base) : base, logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  // zmp-sdk only behaves as a browser SDK on "localhost" (on 127.0.0.1 it rejects every call).
  const baseUrl = `http://localhost:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium(inject("chromium"), ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"]).catch(async (err: unknown) => {
    await app.close();
    await database.drop();
    throw err;
  });

  const e2e: E2E = {
    baseUrl,
    app,
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh", acceptDownloads: true });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on("pageerror", (err) => console.error(`[browser] ${err.message}`));
      return page;
    },
    async signInAndOnboard(page, who) {
      await page.goto(baseUrl);
      await page.getByLabel("Họ và tên").fill(who.name);
      if (who.role && who.role !== "staff") {
        const labels: Record<Role, string> = { staff: "Cán bộ, công chức", unit_lead: "Lãnh đạo đơn vị", organizer: "Ban tổ chức", judge: "Giám khảo" };
        await page.getByRole("group", { name: "Vai trò (chỉ trong bản trình diễn)" }).getByRole("radio", { name: labels[who.role] }).check();
      }
      await page.getByRole("button", { name: "Vào ứng dụng" }).click();
      await expect.poll(() => page.getByText("Thông tin của bạn").isVisible()).toBe(true);
      await page.getByLabel("Tìm đơn vị").fill(who.unitSearch ?? who.unitCode);
      await page.getByRole("option").first().click();
      await page.getByRole("button", { name: "Lưu và tiếp tục" }).click();
      await page.getByRole("button", { name: "Để sau" }).click();
      await expect.poll(() => page.getByText("Lịch thi").isVisible()).toBe(true);
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      await app.close();
      await database.drop();
    },
  };
  return e2e;
}
