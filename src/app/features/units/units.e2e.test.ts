import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, startE2E } from "../../test/e2e-harness";

const WARD = "10507"; // Phường Thành Đông

/** A staff list as a commune office would make it: a title row, a header, people in two sub-units. */
async function rosterXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách");
  ws.addRow(["DANH SÁCH CÁN BỘ PHƯỜNG THÀNH ĐÔNG THAM GIA CUỘC THI"]);
  ws.mergeCells("A1:E1");
  ws.addRow(["STT", "Họ và tên", "Số điện thoại", "Chức vụ", "Bộ phận"]);
  ws.addRow([1, "Nguyễn Thị Lan", "0912 345 678", "Chuyên viên", "Văn phòng HĐND và UBND"]);
  ws.addRow([2, "Trần Văn Hùng", 987654321, "Phó Chủ tịch", "Văn phòng HĐND và UBND"]);
  ws.addRow([3, "Phạm Thu Hà", "+84 912 000 111", "Y sĩ", "Trạm Y tế"]);
  ws.addRow([4, "Phạm Thu Hà", "0912000111", "Y sĩ", "Trạm Y tế"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("a unit lead in a phone browser", () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it("imports the staff list, sees live participation and the chase list, and downloads the Excel report", async () => {
    // Someone on the list has already taken part: signed in, verified their phone, studied, tested.
    const api = e2e.app;
    const lan = (await api.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Nguyễn Thị Lan", unitCode: WARD } })).json();
    await api.inject({ method: "POST", url: "/api/auth/phone", headers: { authorization: `Bearer ${lan.token}` }, payload: { phoneToken: "dev:0912345678" } });
    const db = api.ctx.db;
    const at = new Date(Date.now() - 3600_000).toISOString();
    for (const lesson of api.ctx.pack.lessons)
      await sql`insert into lesson_progress (user_id, lesson_id, completed_at) values (${lan.user.id}, ${lesson.id}, ${at})`.execute(db);
    await sql`insert into quiz_attempts (id, user_id, attempt_no, status, started_at, due_at, finished_at, score, correct_count, question_count)
      values ('e2e-attempt', ${lan.user.id}, 1, 'submitted', ${at}, ${at}, ${at}, 86.67, 26, 30)`.execute(db);

    const page = await e2e.newPage();
    // Demo sign-in as a unit lead (the role picker is a zmp-ui Select: its value sits in a read-only input).
    await page.goto(e2e.baseUrl);
    await page.getByLabel("Họ và tên").fill("Lê Văn Trưởng");
    await page.locator('input[label^="Vai trò"]').click();
    await page.getByText("Lãnh đạo đơn vị", { exact: true }).last().click();
    await expect.poll(() => page.locator('input[label^="Vai trò"]').inputValue()).toBe("Lãnh đạo đơn vị");
    await page.getByRole("button", { name: "Vào ứng dụng" }).click();
    await page.getByLabel("Tìm đơn vị").fill("thanh dong");
    await page.getByRole("option", { name: /Phường Thành Đông/ }).click();
    await page.getByRole("button", { name: "Lưu và tiếp tục" }).click();
    await page.getByRole("button", { name: "Để sau" }).click();
    await expect.poll(() => page.getByText("Lịch thi").isVisible()).toBe(true);
    await page.locator(".zaui-bottom-navigation-item-label", { hasText: "Cá nhân" }).click();
    await page.getByRole("button", { name: "Theo dõi đơn vị của tôi" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Phường Thành Đông" }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText("Đơn vị chưa có danh sách cán bộ").isVisible()).toBe(true);

    // Upload the list: progress, then the row-by-row report.
    await page.getByLabel("Chọn tệp danh sách cán bộ").setInputFiles({ name: "danh-sach-can-bo.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await rosterXlsx() });
    await expect.poll(() => page.getByText("danh-sach-can-bo.xlsx").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Tải lên và đối chiếu" }).click();
    await expect.poll(() => page.getByText("Thêm mới: 3").isVisible()).toBe(true);
    await expect.poll(() => page.getByText("tiêu đề ở dòng 2", { exact: false }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText("Trùng với dòng 5 — bỏ qua.").isVisible()).toBe(true);
    await page.getByText("Trùng với dòng 5 — bỏ qua.").scrollIntoViewIfNeeded();
    await e2e.screenshot(page, "units-roster-report");

    // The dashboard now counts against the list: 1 of 3 has taken part.
    await expect.poll(() => page.getByText("1/3 người đã hoàn thành", { exact: false }).isVisible()).toBe(true);
    await expect.poll(() => page.locator(".big-figure").textContent()).toBe("33,33%");
    const chase = page.getByRole("list", { name: "Danh sách chưa hoàn thành" });
    await expect.poll(() => chase.getByRole("listitem").count()).toBe(2);
    await expect.poll(() => chase.textContent()).toContain("Trần Văn Hùng");
    await expect.poll(() => chase.textContent()).toContain("chưa đăng nhập, chưa học xong, chưa làm bài kiểm tra");
    await page.getByLabel("Lọc theo bộ phận").selectOption({ label: "Trạm Y tế (1)" });
    await expect.poll(() => chase.getByRole("listitem").count()).toBe(1);
    await expect.poll(() => chase.textContent()).toContain("Phạm Thu Hà");
    await expect.poll(() => page.getByRole("button", { name: "Nhắc qua nhóm Zalo (1 người)" }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("img", { name: "Tỷ lệ tham gia theo bộ phận" }).isVisible()).toBe(true);
    await e2e.screenshot(page, "units-dashboard");

    // The official report, saved through the browser's download.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải báo cáo Excel (.xlsx)" }).click()]);
    expect(download.suggestedFilename()).toBe(`bao-cao-tham-gia-${WARD}.xlsx`);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const people = wb.getWorksheet("Danh sách cán bộ")!;
    const rows: unknown[][] = [];
    people.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]?.slice(0, 3)).toEqual(["STT", "Họ và tên", "Bộ phận"]);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[11]])).toEqual([
      ["Phạm Thu Hà", "Trạm Y tế", "Chưa"],
      ["Nguyễn Thị Lan", "Văn phòng HĐND và UBND", "Có"],
      ["Trần Văn Hùng", "Văn phòng HĐND và UBND", "Chưa"],
    ]);
    expect(rows.find((r) => r[1] === "Nguyễn Thị Lan")?.[9]).toBe(86.67);
    const summary = wb.getWorksheet("Tổng hợp")!;
    expect(summary.getCell("A2").value).toBe("Phường Thành Đông");

    // Staff see where their unit stands from the rankings tab; the lead's unit is highlighted.
    await page.locator(".zaui-bottom-navigation-item-label", { hasText: "Xếp hạng" }).click();
    await expect.poll(() => page.getByText("Điểm tổng hợp = 60% × Tỷ lệ tham gia + 40% × Điểm trung bình bài kiểm tra").isVisible()).toBe(true);
    const mine = page.locator('.board-row[aria-current="true"]');
    await expect.poll(() => mine.textContent()).toContain("Phường Thành Đông");
    await expect.poll(() => mine.textContent()).toContain("Tham gia 33,33% (1/3)");
    await expect.poll(() => page.getByText("Chưa có danh sách cán bộ").first().isVisible()).toBe(true);
    await e2e.screenshot(page, "units-rankings");
  });
});
