import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankCsv } from "../../../server/features/quiz/bank.test-helpers";
import { type E2E, startE2E } from "../../test/e2e-harness";

describe("an organiser in a phone browser", () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it("uploads a bank with an error, sees the row and column, fixes it, publishes it and opens the item analysis", async () => {
    const api = e2e.app;
    const org = await api.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Nguyễn Thùy Dương", role: "organizer", unitCode: "SO-KHCN" } });
    const questions = api.ctx.pack.questions;
    const broken = bankCsv(questions, (row, _q, i) => {
      if (i === 1) row.difficulty = "rất khó";
    });
    const fixed = bankCsv(questions, (row) => {
      row.stem = `Sửa: ${row.stem}`;
    });

    const page = await e2e.newPage();
    await page.addInitScript((session) => window.localStorage.setItem("hvai.session.v1", session), org.body);
    await page.goto(e2e.baseUrl);
    await page.locator(".zaui-bottom-navigation-item-label", { hasText: "Cá nhân" }).click();
    await page.getByRole("button", { name: "Trang Ban tổ chức" }).click();
    await page.getByRole("button", { name: "Ngân hàng câu hỏi" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Ngân hàng câu hỏi" }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText("Gói nội dung ban đầu", { exact: false }).isVisible()).toBe(true);

    // A file with a mistake: the problem by row and column, and nothing changes.
    await page.getByLabel("Chọn tệp ngân hàng câu hỏi").setInputFiles({ name: "ngan-hang.csv", mimeType: "text/csv", buffer: Buffer.from(broken, "utf8") });
    await page.getByRole("button", { name: "Tải lên và kiểm tra" }).click();
    const problems = page.getByRole("list", { name: "Lỗi từng dòng" });
    await expect.poll(() => problems.textContent()).toContain("Dòng 3");
    await expect.poll(() => problems.textContent()).toContain("Cột difficulty (độ khó)");
    await expect.poll(() => problems.textContent()).toContain("độ khó \"rất khó\" không hợp lệ");
    await expect.poll(() => page.getByText("Chưa có gì thay đổi", { exact: false }).isVisible()).toBe(true);
    await e2e.screenshot(page, "bank-upload-problems");
    expect((await api.inject({ method: "GET", url: "/api/quiz/bank", headers: { authorization: `Bearer ${org.json().token}` } })).json().versions).toHaveLength(1);

    // Fixed: a clean preview, then publish as version 2.
    await page.getByLabel("Chọn tệp ngân hàng câu hỏi").setInputFiles({ name: "ngan-hang-da-sua.csv", mimeType: "text/csv", buffer: Buffer.from(fixed, "utf8") });
    await page.getByRole("button", { name: "Tải lên và kiểm tra" }).click();
    await expect.poll(() => page.getByText(`${questions.length} câu hỏi (bản nháp số 2)`, { exact: false }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Áp dụng ngân hàng mới" }).click();
    const versions = page.getByRole("list", { name: "Phiên bản ngân hàng câu hỏi" });
    await expect.poll(() => versions.getByRole("listitem").first().textContent()).toContain("Phiên bản 2Đang dùng");
    await expect.poll(() => versions.getByRole("button", { name: "Khôi phục phiên bản 1" }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText("Sửa: ", { exact: false }).first().isVisible()).toBe(true);
    const state = (await api.inject({ method: "GET", url: "/api/quiz/bank", headers: { authorization: `Bearer ${org.json().token}` } })).json();
    expect(state.publishedVersion).toBe(2);

    // Then the item analysis, from the organiser page.
    await page.goBack();
    await page.getByRole("button", { name: "Phân tích câu hỏi" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Phân tích câu hỏi" }).isVisible()).toBe(true);
    await e2e.screenshot(page, "bank-then-items");
  });
});
