import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionResponse } from "../../../domain/auth/auth.schema";
import { docx, pdf, unzip } from "../../../server/features/entries/entries.test-helpers";
import { type E2E, startE2E } from "../../test/e2e-harness";

const WARD = "10507"; // Phường Thành Đông
const OTHER = "10513";
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("Stage 2 entry from the chat link, at a phone viewport", () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ env: { FILES_DIR: `/tmp/hvai-e2e-files-${process.pid}` } });
  });
  afterAll(async () => {
    await e2e?.close();
    rmSync(`/tmp/hvai-e2e-files-${process.pid}`, { recursive: true, force: true });
  });

  async function signedIn(name: string, role: string, unitCode: string): Promise<{ page: Page; session: SessionResponse }> {
    const session = (await e2e.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name, role, unitCode } })).json() as SessionResponse;
    const page = await e2e.newPage();
    await page.addInitScript((s) => window.localStorage.setItem("hvai.session.v1", s), JSON.stringify(session));
    return { page, session };
  }

  it("a lead opens the deep link, fills, uploads two files, types offline, submits and sees the receipt; the organiser downloads the ZIP", async () => {
    const org = (await e2e.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Ban Tổ Chức", role: "organizer", unitCode: WARD } })).json() as SessionResponse;
    await e2e.app.ctx.db
      .insertInto("qualifierConfirmations")
      .values({ id: "stage1-0001", stageId: "stage1", unitCodes: JSON.stringify([WARD, OTHER]), proposed: "{}", changed: 0, reason: null, confirmedBy: org.user.id, confirmedAt: new Date().toISOString() })
      .execute();
    const { page, session } = await signedIn("Lê Văn Trưởng", "unit_lead", WARD);
    await e2e.app.inject({ method: "POST", url: "/api/entries/stage2/invitations", headers: { authorization: `Bearer ${org.token}` } });
    const msg = await e2e.app.ctx.db.selectFrom("reminderOutbox").select("path").where("userId", "=", session.user.id).executeTakeFirstOrThrow();
    expect(msg.path).toMatch(/^\/entries\/stage2\?unit=10507&invite=i1\./);

    // The deep link https://zalo.me/s/{app}/entries/stage2?unit=…&invite=… opens this path in the app.
    await page.goto(`${e2e.baseUrl}${msg.path}`);
    await expect.poll(() => page.getByText("Nộp sản phẩm Giai đoạn 2").first().isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByLabel("Tên sản phẩm *").fill("Trợ lý AI trả lời thủ tục hành chính");
    await page.getByLabel("Tóm tắt *").fill("Chatbot hướng dẫn người dân chuẩn bị hồ sơ.");
    await page.getByLabel("Vấn đề cần giải quyết *").fill("Cán bộ một cửa trả lời lặp lại nhiều câu hỏi.");
    await page.getByLabel("Công cụ AI đã dùng *").fill("Gemini, ChatGPT");
    await page.getByLabel("Cách thực hiện *").fill("Tổng hợp 120 câu hỏi thường gặp, soạn câu lệnh mẫu.");
    await page.getByLabel("Số giờ công tiết kiệm mỗi tháng *").fill("80");
    await expect.poll(() => page.getByTestId("save-state").textContent(), { timeout: 10_000 }).toBe("Đã lưu lên máy chủ.");

    // Two files, with the progress bar visible while each goes up (the upload is held a moment).
    const files = { "Thuyet minh.docx": await docx("Lê Văn Trưởng"), "Phu luc.pdf": await pdf("Lê Văn Trưởng") };
    await page.route("**/api/entries/uploads/**", async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    for (const [name, buffer] of Object.entries(files)) {
      await page.getByTestId("entry-file-input").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
      await expect.poll(() => page.getByRole("progressbar", { name: "Đang tải tệp lên" }).isVisible(), { timeout: 5_000 }).toBe(true);
      await expect.poll(() => page.getByRole("list", { name: "Các tệp đã tải lên" }).textContent(), { timeout: 10_000 }).toContain(name);
    }

    // The network drops while typing: the text stays on the phone, then reaches the server.
    await page.context().setOffline(true);
    await page.getByLabel("Kết quả đo được *").fill("Giảm 60% cuộc gọi hỏi lại trong tháng đầu.");
    await expect.poll(() => page.getByTestId("save-state").textContent(), { timeout: 10_000 }).toContain("Mất mạng");
    await e2e.screenshot(page, "entries-offline");
    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId("save-state").textContent(), { timeout: 15_000 }).toBe("Đã lưu lên máy chủ.");
    const saved = await e2e.app.ctx.db.selectFrom("entries").select("draftJson").where("unitCode", "=", WARD).executeTakeFirstOrThrow();
    expect(saved.draftJson).toContain("Giảm 60% cuộc gọi");

    // Representative with the unticked consent; the missing list empties; submit.
    await page.getByLabel("Họ và tên *").fill("Lê Văn Trưởng");
    await page.getByLabel("Chức vụ *").fill("Chủ tịch UBND phường");
    await page.getByLabel("Số điện thoại *").fill("0912 345 678");
    await page.getByLabel("Thư điện tử *").fill("truong@haiphong.gov.vn");
    const consent = page.getByRole("checkbox", { name: /Luật Bảo vệ dữ liệu cá nhân số 91\/2025\/QH15/ });
    expect(await consent.isChecked()).toBe(false);
    await expect.poll(() => page.getByRole("list", { name: "Các mục còn thiếu" }).textContent()).toContain("Đồng ý xử lý dữ liệu cá nhân");
    await consent.check();
    await expect.poll(() => page.getByText("Hồ sơ đã đủ thông tin.").isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
    await expect.poll(() => page.getByText("Biên nhận hồ sơ V2-01").isVisible(), { timeout: 10_000 }).toBe(true);
    const shown = await page.getByTestId("receipt-hash").textContent();
    const frozen = await e2e.app.ctx.db.selectFrom("entryVersions").select("sha256").where("submitted", "=", 1).executeTakeFirstOrThrow();
    expect(shown?.trim()).toBe(frozen.sha256);
    for (const b of Object.values(files)) expect(await page.getByText(`SHA-256: ${sha(b)}`).isVisible()).toBe(true);
    await e2e.screenshot(page, "entries-receipt");

    // The organiser's round page: download everything as a ZIP and check it file by file.
    const o = await signedIn("Ban Tổ Chức", "organizer", WARD);
    await o.page.goto(`${e2e.baseUrl}/entries/stage2/organizer`);
    await expect.poll(() => o.page.getByRole("table", { name: "Tình trạng hồ sơ các đơn vị" }).textContent(), { timeout: 10_000 }).toContain("Đã nộp");
    const [download] = await Promise.all([o.page.waitForEvent("download"), o.page.getByRole("button", { name: "Tải tất cả hồ sơ (ZIP)" }).click()]);
    const zip = await unzip(readFileSync((await download.path()) as string));
    for (const [name, b] of Object.entries(files)) {
      const key = [...zip.keys()].find((k) => k.endsWith(`/${name}`));
      expect(key, name).toBeDefined();
      expect(sha(zip.get(key as string) as Buffer)).toBe(sha(b));
    }
    expect((zip.get("SHA256SUMS.txt") as Buffer).toString()).toContain(sha(files["Phu luc.pdf"]));
  });

  it("an office PC opens the entry link, shows a one-time code, and is signed in once the lead confirms it in the mini app", async () => {
    const lead = (await e2e.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Lê Văn Trưởng", role: "unit_lead", unitCode: WARD } })).json() as SessionResponse;
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/entries/stage2?unit=${WARD}`);
    await expect.poll(() => page.getByTestId("desktop-code").isVisible(), { timeout: 10_000 }).toBe(true);
    const code = (await page.getByTestId("desktop-code").textContent())?.trim() as string;
    expect(code).toMatch(/^\d{3} \d{3}$/);
    const ok = await e2e.app.inject({ method: "POST", url: "/api/entries/desktop-sign-in/confirm", headers: { authorization: `Bearer ${lead.token}` }, payload: { code } });
    expect(ok.json()).toEqual({ confirmed: true });
    await expect.poll(() => page.getByText("Nộp sản phẩm Giai đoạn 2").first().isVisible(), { timeout: 10_000 }).toBe(true);
    const unitName = e2e.app.ctx.pack.units.find((u) => u.code === WARD)?.name as string;
    await expect.poll(() => page.getByText(unitName, { exact: true }).first().isVisible()).toBe(true);
    // The lead's own draft from the phone is there.
    await expect.poll(() => page.getByText("Biên nhận hồ sơ V2-01").isVisible()).toBe(true);
    await e2e.screenshot(page, "entries-desktop");
    await context.close();
  });
});
