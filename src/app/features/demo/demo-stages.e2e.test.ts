import { rmSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdf } from "../../../server/features/entries/entries.test-helpers";
import { qrFromPdf } from "../../../server/test/pdf-qr";
import { type E2E, startE2E } from "../../test/e2e-harness";

const POLL = { timeout: 20_000 };
const FILES_DIR = `/tmp/hvai-e2e-demo-stages-${process.pid}`;
const nav = (page: Page, label: string) => page.locator(".zaui-bottom-navigation-item-label", { hasText: label }).click();
const tokenOf = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem("hvai.session.v1") ?? "{}").token as string);

/**
 * Stages 2 and 3 of the demo as a newcomer plays them after `npm start`: the seeded city, the demo
 * clock's moments from the demo panel, the other qualified units' entries seeded by the demo when
 * Stage 1's qualifiers are confirmed, and the final's when the clock reaches it.
 */
describe("the demo's Stages 2 and 3, through the demo panel", () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ env: { DEMO_SEED: "1", FILES_DIR } });
  });
  afterAll(async () => {
    await e2e?.close();
    rmSync(FILES_DIR, { recursive: true, force: true });
  });

  const api = async (token: string, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
    (await e2e.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload: payload as object | undefined })).json();
  async function moveClock(org: Page, label: string) {
    await nav(org, "Cá nhân");
    await org.getByRole("button", { name: "Bảng điều khiển trình diễn" }).click();
    await org.getByRole("button", { name: label, exact: true }).click();
    await expect.poll(() => org.getByRole("status").filter({ hasText: `Đã chuyển đồng hồ cuộc thi đến: ${label}` }).isVisible(), POLL).toBe(true);
  }
  /** Cá nhân → the jury's page: the organiser's (appointments, results, final, prizes) or a judge's sheets. */
  async function juryPage(page: Page, organiser = false) {
    await nav(page, "Cá nhân");
    await page.getByRole("button", { name: organiser ? "Hội đồng chấm, chung kết và giải thưởng" : "Chấm điểm (giám khảo)" }).click();
  }

  it("a qualified unit's lead submits with a colleague, judges score blind, finalists, the final, prizes and a verified certificate", async () => {
    const db = e2e.app.ctx.db;
    // 1. The organiser moves the clock past Stage 1 and closes it; the page proposes the qualifiers.
    const org = await e2e.newPage();
    await e2e.signInAndOnboard(org, { name: "Nguyễn Thùy Dương", role: "organizer", unitCode: "SO-KHCN" });
    await moveClock(org, "Giai đoạn 1 đã kết thúc");
    await nav(org, "Cá nhân");
    await org.getByRole("button", { name: "Trang Ban tổ chức" }).click();
    await org.getByRole("button", { name: "Chốt kết quả Giai đoạn 1" }).click();
    await org.getByRole("button", { name: "Chốt kết quả", exact: true }).click();
    await expect.poll(() => org.getByLabel("Mã SHA-256").isVisible(), POLL).toBe(true);
    const result = await api(await tokenOf(org), "GET", "/api/stages/stage1/result");
    const proposed = [...result.proposed.communes, ...result.proposed.departments] as string[];
    const unit = e2e.app.ctx.pack.units.find((u) => u.code === result.proposed.communes[0])!;

    // 2. The lead of the top commune signs in (before the confirmation, as a real lead would be).
    const lead = await e2e.newPage();
    await e2e.signInAndOnboard(lead, { name: "Lê Văn Trưởng", role: "unit_lead", unitCode: unit.code });

    // 3. The organiser confirms: the lead is invited at once, the other units' entries are seeded.
    const choices = org.getByRole("list", { name: "Chọn đơn vị vào Giai đoạn 2" });
    await expect.poll(() => choices.getByRole("checkbox", { checked: true }).count(), POLL).toBe(proposed.length);
    await org.getByRole("button", { name: `Xác nhận ${proposed.length} đơn vị` }).click();
    await expect.poll(async () => (await db.selectFrom("entries").select("unitCode").where("roundId", "=", "stage2").where("status", "=", "submitted").execute()).length, POLL).toBe(proposed.length - 1);
    const seeded = await db.selectFrom("entries").select("unitCode").where("roundId", "=", "stage2").execute();
    expect(seeded.map((e) => e.unitCode)).not.toContain(unit.code);
    await e2e.screenshot(org, "stages-01-qualifiers-confirmed");

    // 4. The lead finds the invitation in the inbox and opens it.
    await nav(lead, "Cá nhân");
    await lead.getByRole("button", { name: /^Thông báo/ }).click();
    const invite = lead.getByRole("listitem").filter({ hasText: "Mời đơn vị nộp sản phẩm: Nộp sản phẩm Giai đoạn 2" });
    await expect.poll(() => invite.isVisible(), POLL).toBe(true);
    await e2e.screenshot(lead, "stages-02-lead-invitation");
    await invite.getByRole("button", { name: "Mở", exact: true }).click();
    await expect.poll(() => lead.getByText("Nộp sản phẩm Giai đoạn 2").first().isVisible(), POLL).toBe(true);
    const invitePath = new URL(lead.url()).pathname + new URL(lead.url()).search;
    expect(invitePath).toMatch(/invite=/);

    // 5. A colleague opens the same link (shared in the unit's Zalo group) and writes the first part.
    const colleague = await e2e.newPage();
    await e2e.signInAndOnboard(colleague, { name: "Phạm Thu Hà", unitCode: unit.code });
    await colleague.goto(`${e2e.baseUrl}${invitePath}`);
    await colleague.getByLabel("Tên sản phẩm *").fill("Trợ lý AI trả lời thủ tục hành chính");
    await colleague.getByLabel("Tóm tắt *").fill("Chatbot hướng dẫn người dân chuẩn bị hồ sơ một cửa.");
    await colleague.getByLabel("Vấn đề cần giải quyết *").fill("Cán bộ một cửa trả lời lặp lại nhiều câu hỏi.");
    await expect.poll(() => colleague.getByTestId("save-state").textContent(), POLL).toBe("Đã lưu lên máy chủ.");

    // 6. The lead sees the colleague's text, completes the rest, attaches a PDF and submits.
    await lead.reload();
    await expect.poll(() => lead.getByLabel("Tên sản phẩm *").inputValue(), POLL).toBe("Trợ lý AI trả lời thủ tục hành chính");
    await lead.getByLabel("Công cụ AI đã dùng *").fill("Gemini, ChatGPT");
    await lead.getByLabel("Cách thực hiện *").fill("Tổng hợp 120 câu hỏi thường gặp, soạn câu lệnh mẫu.");
    await lead.getByLabel("Số giờ công tiết kiệm mỗi tháng *").fill("80");
    await lead.getByLabel("Kết quả đo được *").fill("Giảm 60% cuộc gọi hỏi lại trong tháng đầu.");
    await lead.getByTestId("entry-file-input").setInputFiles({ name: "Thuyet minh.pdf", mimeType: "application/pdf", buffer: await pdf("Lê Văn Trưởng") });
    await expect.poll(() => lead.getByRole("list", { name: "Các tệp đã tải lên" }).textContent(), POLL).toContain("Thuyet minh.pdf");
    await lead.getByLabel("Họ và tên *").fill("Lê Văn Trưởng");
    await lead.getByLabel("Chức vụ *").fill("Chủ tịch UBND");
    await lead.getByLabel("Số điện thoại *").fill("0912 345 678");
    await lead.getByLabel("Thư điện tử *").fill("truong@haiphong.gov.vn");
    await lead.getByRole("checkbox", { name: /Luật Bảo vệ dữ liệu cá nhân số 91\/2025\/QH15/ }).check();
    await expect.poll(() => lead.getByText("Hồ sơ đã đủ thông tin.").isVisible(), POLL).toBe(true);
    await lead.getByRole("button", { name: "Nộp hồ sơ" }).click();
    await expect.poll(() => lead.getByText(/^Biên nhận hồ sơ V2-\d\d$/).isVisible(), POLL).toBe(true);
    await e2e.screenshot(lead, "stages-03-lead-receipt");

    // 7. Judges: three demo accounts, appointed from the jury organiser page.
    const judgeNames = ["Giám Khảo Một", "Giám Khảo Hai", "Giám Khảo Ba"];
    const judges: Page[] = [];
    for (const name of judgeNames) {
      const p = await e2e.newPage();
      await e2e.signInAndOnboard(p, { name, role: "judge", unitCode: "SO-TC" });
      judges.push(p);
    }
    await moveClock(org, "Giai đoạn 2 đã kết thúc");
    await juryPage(org, true);
    for (const name of judgeNames) {
      await org.getByLabel("Tìm người (tên hoặc số điện thoại)").fill(name);
      await org.getByRole("button", { name: "Tìm", exact: true }).click();
      await org.getByRole("button", { name: "Phân công" }).first().click();
      await expect.poll(() => org.getByRole("cell", { name }).isVisible(), POLL).toBe(true);
    }
    await e2e.screenshot(org, "stages-04-judges-appointed");

    // 8. Two judges declare no conflicts and score in the app, blind (no unit names).
    const entryCount = proposed.length;
    for (const [j, p] of judges.slice(0, 2).entries()) {
      await juryPage(p);
      await p.getByRole("button", { name: "Tôi không có xung đột nào khác" }).click();
      await expect.poll(() => p.getByText(`Đã nộp 0/${entryCount} phiếu`, { exact: false }).isVisible(), POLL).toBe(true);
      expect(await p.content()).not.toContain(unit.name);
      await p.getByRole("button", { name: /^V2-\d\d · Chưa chấm$/ }).first().click();
      for (const c of e2e.app.ctx.pack.jury.rubric) {
        await p.getByLabel(new RegExp(`^${c.name}`)).press("End");
        await p.getByLabel(`Nhận xét cho ${c.name}`).fill("Xuất sắc, số liệu rõ ràng");
      }
      await p.getByRole("button", { name: "Nộp phiếu" }).click();
      await expect.poll(() => p.getByText("Phiếu đã nộp và bị khóa", { exact: false }).isVisible(), POLL).toBe(true);
      if (j === 0) await e2e.screenshot(p, "stages-05-judge-sheet");
    }
    // The demo panel's marked shortcut fills the third judge's sheets (and tops the jury up to the minimum).
    await nav(org, "Cá nhân");
    await org.getByRole("button", { name: "Bảng điều khiển trình diễn" }).click();
    await org.getByRole("button", { name: "Chấm hộ các giám khảo còn lại — vòng sản phẩm (trình diễn)" }).click();
    await expect.poll(() => org.getByRole("status").textContent(), POLL).toMatch(/^Vòng chấm sản phẩm: đã điền \d+ phiếu chấm mẫu cho \d+ giám khảo/);
    const submitted = await db.selectFrom("jurySheets").select(["judgeId", "status"]).where("roundId", "=", "stage2").execute();
    expect(submitted.every((x) => x.status === "submitted")).toBe(true);
    expect(new Set(submitted.map((x) => x.judgeId)).size).toBeGreaterThanOrEqual(e2e.app.ctx.pack.jury.trimmedMean.minJudges);
    await e2e.screenshot(org, "stages-05b-demo-fill-sheets");
    await juryPage(org, true);

    // 9. The organiser closes the round and confirms the six finalists.
    await org.getByRole("button", { name: "Đóng vòng chấm" }).click();
    await org.getByRole("button", { name: "Xác nhận 6 đơn vị vào chung kết" }).click();
    await expect.poll(() => org.getByText("Đã chốt danh sách chung kết", { exact: false }).isVisible(), POLL).toBe(true);
    await e2e.screenshot(org, "stages-06-finalists");

    // 10. The clock moves to the final: the finalists' Stage-3 entries are seeded (a demo-led unit submits its own).
    await moveClock(org, "Chung kết");
    const finalists = JSON.parse((await db.selectFrom("qualifierConfirmations").select("unitCodes").where("stageId", "=", "stage2").orderBy("confirmedAt", "desc").executeTakeFirstOrThrow()).unitCodes) as string[];
    expect(finalists).toHaveLength(6);
    const finalEntries = await db.selectFrom("entries").select("unitCode").where("roundId", "=", "stage3").where("status", "=", "submitted").execute();
    expect(finalEntries.length).toBe(finalists.filter((c) => c !== unit.code).length);

    // 11. The draw, the hall screen, and the final's five judges (the trimmed mean needs five) through the panel's shortcut.
    await juryPage(org, true);
    await org.getByRole("tab", { name: "Chung kết", exact: true }).click();
    await org.getByRole("button", { name: "Bốc thăm thứ tự trình bày" }).click();
    await expect.poll(() => org.getByText("Mã bốc thăm", { exact: false }).isVisible(), POLL).toBe(true);
    const hall = await e2e.newPage();
    await hall.addInitScript((v) => localStorage.setItem("hvai.session.v1", v), await org.evaluate(() => localStorage.getItem("hvai.session.v1") ?? ""));
    await hall.goto(`${e2e.baseUrl}/presenter`);
    await org.getByRole("button", { name: "Lên trình bày" }).first().click();
    await expect.poll(() => hall.getByText("Đang trình bày").isVisible(), POLL).toBe(true);
    await nav(org, "Cá nhân");
    await org.getByRole("button", { name: "Bảng điều khiển trình diễn" }).click();
    await org.getByRole("button", { name: "Chấm hộ các giám khảo còn lại — chung kết (trình diễn)" }).click();
    await expect.poll(() => org.getByRole("status").textContent(), POLL).toMatch(new RegExp(`^Chung kết: đã điền ${finalEntries.length * 5} phiếu chấm mẫu cho 5 giám khảo`));

    // 12. Close the final and reveal from the last place to the first on the presenter screen.
    await juryPage(org, true);
    await org.getByRole("tab", { name: "Chung kết", exact: true }).click();
    await org.getByRole("button", { name: "Đóng vòng chấm" }).click();
    for (let k = 1; k <= finalEntries.length; k++) {
      await org.getByRole("button", { name: /Công bố vị trí tiếp theo/ }).click();
      await expect.poll(() => hall.locator(".reveal li").count(), POLL).toBe(k);
    }
    await expect.poll(() => hall.locator(".reveal li").last().textContent(), POLL).toContain("Hạng 1");
    await e2e.screenshot(hall, "stages-07-presenter-reveal");

    // 13. Prizes, then the first award's certificate: its QR code opens /v/<id>, which says it is valid.
    await moveClock(org, "Công bố kết quả");
    await juryPage(org, true);
    await org.getByRole("tab", { name: "Chung kết", exact: true }).click();
    await org.getByLabel("Số quyết định").fill("125/QĐ-SKHCN");
    await org.getByLabel("Ngày quyết định").fill("2026-06-25");
    await org.getByRole("button", { name: "Xác nhận kết quả chính thức" }).click();
    await expect.poll(() => org.getByText("Quyết định số 125/QĐ-SKHCN", { exact: false }).isVisible(), { timeout: 60_000 }).toBe(true);
    await e2e.screenshot(org, "stages-08-prizes");
    const orgToken = await tokenOf(org);
    const official = (await api(orgToken, "GET", "/api/prizes")).official;
    const pdfRes = await e2e.app.inject({ method: "GET", url: `/api/certificates/${official.awards[0].certificateId}/pdf`, headers: { authorization: `Bearer ${orgToken}` } });
    const qr = await qrFromPdf(pdfRes.rawPayload);
    expect(qr).toMatch(/\/v\/[A-Za-z0-9_-]{24}$/);
    const check = await e2e.newPage();
    await check.goto(`${e2e.baseUrl}${new URL(qr).pathname}`);
    await expect.poll(() => check.getByText("Giấy chứng nhận hợp lệ").isVisible(), POLL).toBe(true);
    await e2e.screenshot(check, "stages-09-certificate-verified");
  }, 420_000);
});
