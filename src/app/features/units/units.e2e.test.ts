import { createHash } from "node:crypto";
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
    // Demo sign-in as a unit lead (the role picker is a radio group named "Vai trò …").
    await page.goto(e2e.baseUrl);
    await page.getByLabel("Họ và tên").fill("Lê Văn Trưởng");
    const roles = page.getByRole("group", { name: "Vai trò (chỉ trong bản trình diễn)" });
    await roles.getByRole("radio", { name: "Lãnh đạo đơn vị" }).check();
    await expect.poll(() => roles.getByRole("radio", { name: "Lãnh đạo đơn vị" }).isChecked()).toBe(true);
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
    // The first upload starts the server's parsing worker (about a second on a busy machine).
    await expect.poll(() => page.getByText("Thêm mới: 3").isVisible(), { timeout: 15_000 }).toBe(true);
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
    expect(download.suggestedFilename()).toBe("Báo cáo tham gia - Phường Thành Đông.xlsx");
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const people = wb.getWorksheet("Danh sách cán bộ")!;
    const rows: unknown[][] = [];
    people.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]?.slice(0, 3)).toEqual(["STT", "Họ và tên", "Bộ phận"]);
    // Columns by their header: staff phones are left out unless an organiser turns them on (data minimisation).
    const header = rows[0] as string[];
    expect(header.some((h) => /điện thoại/i.test(h))).toBe(false);
    const done = header.indexOf("Tham gia đầy đủ");
    const score = header.indexOf("Điểm được tính");
    expect(rows.slice(1).map((r) => [r[1], r[2], r[done]])).toEqual([
      ["Phạm Thu Hà", "Trạm Y tế", "Chưa"],
      ["Nguyễn Thị Lan", "Văn phòng HĐND và UBND", "Có"],
      ["Trần Văn Hùng", "Văn phòng HĐND và UBND", "Chưa"],
    ]);
    expect(rows.find((r) => r[1] === "Nguyễn Thị Lan")?.[score]).toBe(86.67);
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

describe("an organiser after Stage 1 has ended", () => {
  let e2e: E2E;
  beforeAll(async () => {
    const now = Date.now();
    const at = (hours: number) => new Date(now + hours * 3600_000).toISOString();
    e2e = await startE2E({
      pack: (p) => ({
        ...p,
        stages: [
          { ...p.stages[0]!, opensAt: at(-240), closesAt: at(-1) },
          { ...p.stages[1]!, opensAt: at(24), closesAt: at(120) },
          { ...p.stages[2]!, opensAt: at(144), closesAt: at(200) },
        ],
      }),
    });
  });
  afterAll(() => e2e?.close());

  it("closes Stage 1 once, publishes the hash, confirms the qualifiers with a reason and downloads the city report", async () => {
    const api = e2e.app;
    const org = await api.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Nguyễn Thùy Dương", role: "organizer", unitCode: "SO-KHCN" } });
    const auth = { authorization: `Bearer ${org.json().token}` };
    // Two wards with lists; one person in each took part, before the deadline.
    const db = api.ctx.db;
    const done = new Date(Date.now() - 48 * 3600_000).toISOString();
    for (const [unit, phone, score] of [["10507", "0912000001", 90], ["10525", "0912000002", 60]] as const) {
      const csv = `Họ và tên,Số điện thoại\nNgười ${unit},${phone}\nNgười khác ${unit},09${unit}99\n`;
      const boundary = "----e2e";
      await api.inject({
        method: "POST",
        url: `/api/units/${unit}/roster`,
        headers: { ...auth, "content-type": `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ds.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
      });
      const person = (await api.inject({ method: "POST", url: "/api/auth/dev", payload: { name: `Người ${unit}`, unitCode: unit } })).json();
      await api.inject({ method: "POST", url: "/api/auth/phone", headers: { authorization: `Bearer ${person.token}` }, payload: { phoneToken: `dev:${phone}` } });
      for (const lesson of api.ctx.pack.lessons) await sql`insert into lesson_progress (user_id, lesson_id, completed_at) values (${person.user.id}, ${lesson.id}, ${done})`.execute(db);
      await sql`insert into quiz_attempts (id, user_id, attempt_no, status, started_at, due_at, finished_at, score, correct_count, question_count)
        values (${`a-${unit}`}, ${person.user.id}, 1, 'submitted', ${done}, ${done}, ${done}, ${score}, 0, 30)`.execute(db);
    }

    const page = await e2e.newPage();
    await page.addInitScript((session) => window.localStorage.setItem("hvai.session.v1", session), org.body);
    await page.goto(e2e.baseUrl);
    await page.locator(".zaui-bottom-navigation-item-label", { hasText: "Cá nhân" }).click();
    await page.getByRole("button", { name: "Trang Ban tổ chức" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Ban tổ chức" }).isVisible()).toBe(true);

    await page.getByRole("button", { name: "Chốt kết quả Giai đoạn 1" }).click();
    await expect.poll(() => page.getByText("Không thể tính lại sau khi chốt.", { exact: false }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Chốt kết quả", exact: true }).click();
    await expect.poll(() => page.getByLabel("Mã SHA-256").isVisible()).toBe(true);
    const shown = (await page.getByLabel("Mã SHA-256").textContent())?.trim();
    const csv = await api.inject({ method: "GET", url: "/api/stages/stage1/snapshot.csv" });
    expect(shown).toBe(createHash("sha256").update(csv.rawPayload).digest("hex"));

    // The proposal is the two wards that took part; dropping one needs a reason.
    const choices = page.getByRole("list", { name: "Chọn đơn vị vào Giai đoạn 2" });
    await expect.poll(() => choices.getByRole("checkbox", { checked: true }).count()).toBe(2);
    await choices.getByText(/Phường Hải Dương/).click();
    await page.getByRole("button", { name: "Xác nhận 1 đơn vị" }).click();
    await expect.poll(() => page.getByText("Vui lòng ghi lý do khi thay đổi", { exact: false }).first().isVisible()).toBe(true);
    await page.getByLabel("Lý do thay đổi").fill("Phường Hải Dương chưa gửi báo cáo đúng hạn");
    await page.getByRole("button", { name: "Xác nhận 1 đơn vị" }).click();
    await expect.poll(() => page.getByText("lý do: Phường Hải Dương chưa gửi báo cáo đúng hạn", { exact: false }).first().isVisible()).toBe(true);
    // Leave and come back: what the page shows now comes from the server.
    await page.locator(".zaui-bottom-navigation-item-label", { hasText: "Cá nhân" }).click();
    await page.getByRole("button", { name: "Trang Ban tổ chức" }).click();
    await expect.poll(() => page.getByText("Xác nhận đơn vị vào Giai đoạn 2", { exact: false }).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText("Chốt kết quả Giai đoạn 1 (stage1), Nguyễn Thùy Dương", { exact: false }).isVisible()).toBe(true);
    // The page slides in: let it settle before the picture.
    await expect.poll(async () => (await page.getByRole("heading", { name: "Ban tổ chức" }).boundingBox())?.x ?? 999).toBeLessThan(40);
    await e2e.screenshot(page, "units-organizer");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Báo cáo toàn thành phố (.xlsx)" }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const communes = wb.getWorksheet("Xã, phường, đặc khu")!;
    expect(communes.getRow(2).getCell(3).value).toBe("Phường Thành Đông");
    expect(communes.getRow(2).getCell(1).value).toBe(1);
    expect(wb.getWorksheet("Thông tin")!.getRow(2).getCell(2).value).toBe("Kết quả chốt Giai đoạn 1");
  });
});

