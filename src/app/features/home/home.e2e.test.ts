import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, startE2E } from "../../test/e2e-harness";

describe("a newcomer in a phone browser", () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it("signs in, completes onboarding and sees the contest timeline with a countdown", async () => {
    const page = await e2e.newPage();
    await page.goto(e2e.baseUrl);
    await expect.poll(() => page.getByRole("button", { name: "Vào ứng dụng" }).isVisible()).toBe(true);

    // An empty name gets a Vietnamese message, not a request.
    await page.getByRole("button", { name: "Vào ứng dụng" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Vui lòng nhập họ tên");

    await page.getByLabel("Họ và tên").fill("Nguyễn Thị Lan");
    await page.getByRole("button", { name: "Vào ứng dụng" }).click();
    await expect.poll(() => page.getByText("Thông tin của bạn").isVisible()).toBe(true);

    // Saving without a unit is refused on the page.
    await page.getByRole("button", { name: "Lưu và tiếp tục" }).click();
    await expect.poll(() => page.getByText("Vui lòng chọn đơn vị của bạn.").isVisible()).toBe(true);

    // Diacritic-insensitive search finds the ward.
    await page.getByLabel("Tìm đơn vị").fill("thanh dong");
    await page.getByRole("option", { name: /Phường Thành Đông/ }).click();
    await expect.poll(() => page.getByText("Đã chọn: Phường Thành Đông").isVisible()).toBe(true);
    await page.getByLabel("Chức vụ").fill("Chuyên viên");
    await page.getByRole("button", { name: "Lưu và tiếp tục" }).click();

    // The phone step explains why before asking; the person may skip it.
    await expect.poll(() => page.getByText("Vì sao cần số điện thoại của bạn?").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Để sau" }).click();

    await expect.poll(() => page.getByText("Xin chào, Nguyễn Thị Lan!").isVisible()).toBe(true);
    const timeline = page.getByRole("list", { name: "Các giai đoạn của cuộc thi" });
    await expect.poll(() => timeline.getByRole("listitem").count()).toBe(3);
    await expect.poll(() => timeline.getByRole("listitem").first().textContent()).toContain("Đang diễn ra");
    await expect.poll(() => page.getByRole("timer").textContent()).toMatch(/Giai đoạn 1 – Nâng cao năng lực kết thúc sau.*\d+ ngày \d\d:\d\d:\d\d/);
    await expect.poll(() => page.getByText("0962335887").isVisible()).toBe(true);
    await e2e.screenshot(page, "home-after-onboarding");

    // A reload keeps the session (stored on the phone) and lands on the same page.
    await page.reload();
    await expect.poll(() => page.getByText("Xin chào, Nguyễn Thị Lan!").isVisible()).toBe(true);

    await page.getByText("Cá nhân").click();
    await expect.poll(() => page.getByText("Phường Thành Đông").or(page.getByText("10507")).first().isVisible()).toBe(true);
    await e2e.screenshot(page, "me");
  });
});
