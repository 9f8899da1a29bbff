import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionResponse } from "../../../domain/auth/auth.schema";
import { confirmStage1Qualifiers, insertSubmittedEntries } from "../../../server/test/entries-fixture";
import { qrFromPdf } from "../../../server/test/pdf-qr";
import { type E2E, startE2E } from "../../test/e2e-harness";

const QUALIFIED = ["10507", "10525", "10532", "10537", "10543", "10546", "10549", "10552", "10570", "10573", "VP-UBND"];

describe("judging, the final and a certificate in phone browsers", () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  async function session(name: string, role: "judge" | "organizer", unitCode: string) {
    const res = await e2e.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name, role, unitCode } });
    const s = res.json() as SessionResponse;
    // As after onboarding: full name and unit set.
    await e2e.app.ctx.db.updateTable("users").set({ fullName: name }).where("id", "=", s.user.id).execute();
    return { ...s, user: { ...s.user, fullName: name, onboarded: true } };
  }
  /** A phone already signed in as this person (the app reads its session from storage). */
  async function phoneOf(s: SessionResponse, route: string): Promise<Page> {
    const page = await e2e.newPage();
    await page.addInitScript((v) => localStorage.setItem("hvai.session.v1", v), JSON.stringify(s));
    await page.goto(`${e2e.baseUrl}${route}`);
    return page;
  }
  const call = (s: SessionResponse, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
    e2e.app.inject({ method, url, headers: { authorization: `Bearer ${s.token}` }, payload: payload as object | undefined }).then((r) => r.json());
  const sheet = (score: number) => ({ scores: Object.fromEntries(e2e.app.ctx.pack.jury.rubric.map((c) => [c.key, { score, comment: "Nhận xét" }])), submit: true });

  it("three judges score blind, one conflicted and one unlocked; finalists, final, reveal, prizes and a verified certificate", async () => {
    const db = e2e.app.ctx.db;
    const org = await session("Bà Ban Tổ Chức", "organizer", "SO-KHCN");
    await confirmStage1Qualifiers(db, QUALIFIED, org.user.id, new Date());
    const entries = await insertSubmittedEntries(db, "stage2", QUALIFIED);
    const judges = [await session("Giám Khảo Một", "judge", "10507"), await session("Giám Khảo Hai", "judge", "SO-NV"), await session("Giám Khảo Ba", "judge", "SO-TC")];

    // The organiser appoints the three judges from the app.
    const orgPage = await phoneOf(org, "/organizer/jury");
    for (const name of ["Giám Khảo Một", "Giám Khảo Hai", "Giám Khảo Ba"]) {
      await orgPage.getByLabel("Tìm người (tên hoặc số điện thoại)").fill(name);
      await orgPage.getByRole("button", { name: "Tìm", exact: true }).click();
      await orgPage.getByRole("button", { name: "Phân công" }).first().click();
      await expect.poll(() => orgPage.getByRole("cell", { name }).isVisible()).toBe(true);
    }

    // Judge 1 works in a qualified ward: declared automatically, sees 10 entries, never the unit names.
    const p1 = await phoneOf(judges[0]!, "/jury");
    await expect.poll(() => p1.getByText("Đơn vị của tôi (tự động)").isVisible()).toBe(true);
    await p1.getByRole("button", { name: "Tôi không có xung đột nào khác" }).click();
    await expect.poll(() => p1.getByText("Đã nộp 0/10 phiếu", { exact: false }).isVisible()).toBe(true);
    expect(await p1.content()).not.toContain("Thành Đông");
    // Score B02 in the app: a 10 needs a comment before it can be submitted.
    await p1.getByRole("button", { name: /^B02/ }).click();
    for (const c of e2e.app.ctx.pack.jury.rubric) await p1.getByLabel(new RegExp(`^${c.name}`)).press("End");
    await p1.getByRole("button", { name: "Nộp phiếu" }).click();
    await expect.poll(() => p1.getByRole("alert").first().textContent()).toContain("cần có nhận xét");
    for (const c of e2e.app.ctx.pack.jury.rubric) await p1.getByLabel(`Nhận xét cho ${c.name}`).fill("Xuất sắc, đo đạc rõ ràng");
    await p1.getByRole("button", { name: "Nộp phiếu" }).click();
    await expect.poll(() => p1.getByText("Phiếu đã nộp và bị khóa", { exact: false }).isVisible()).toBe(true);
    await e2e.screenshot(p1, "jury-score-sheet");

    // The rest of the sheets through the same API the app uses.
    for (const [j, s] of judges.entries()) {
      if (j > 0) await call(s, "POST", "/api/jury/rounds/stage2/declaration", { conflicts: [] });
      const list = (await call(s, "GET", "/api/jury/rounds/stage2/sheets")).entries as { entryId: string; entryCode: string; sheet: unknown }[];
      for (const e of list) if (!e.sheet) await call(s, "PUT", `/api/jury/rounds/stage2/sheets/${e.entryId}`, sheet(8.5 - 0.5 * (Number(e.entryCode.slice(1)) - 1)));
    }
    // The organiser unlocks judge 3's sheet of B05 with a reason; judge 3 corrects and resubmits.
    const b05 = entries.find((e) => e.entryCode === "B05")!;
    await orgPage.reload();
    await orgPage.getByLabel("Lý do thu hồi hoặc mở khóa").fill("Giám khảo báo nhập nhầm");
    await orgPage.getByText("Mở khóa phiếu đã nộp", { exact: false }).click();
    await orgPage.getByRole("listitem").filter({ hasText: "Giám Khảo Ba · B05" }).getByRole("button", { name: "Mở khóa" }).click();
    await expect.poll(async () => (await call(judges[2]!, "GET", "/api/jury/rounds/stage2/sheets")).entries.find((e: { entryId: string }) => e.entryId === b05.entryId).sheet.status).toBe("draft");
    await call(judges[2]!, "PUT", `/api/jury/rounds/stage2/sheets/${b05.entryId}`, sheet(7));

    // Close, confirm the computed six.
    await orgPage.reload();
    await orgPage.getByRole("button", { name: "Đóng vòng chấm" }).click();
    await orgPage.getByRole("button", { name: "Xác nhận 6 đơn vị vào chung kết" }).click();
    await expect.poll(() => orgPage.getByText("Đã chốt danh sách chung kết", { exact: false }).isVisible()).toBe(true);

    // The final: draw, five judges score, close, reveal from 6th to 1st on the presenter screen.
    const finalists = JSON.parse((await db.selectFrom("qualifierConfirmations").select("unitCodes").where("stageId", "=", "stage2").executeTakeFirstOrThrow()).unitCodes) as string[];
    await insertSubmittedEntries(db, "stage3", finalists);
    const fin = [];
    for (let i = 0; i < 5; i++) {
      const s = await session(`Giám Khảo Chung Kết ${i + 1}`, "judge", "SO-TC");
      await call(org, "POST", "/api/jury/rounds/stage3/judges", { userId: s.user.id });
      await call(s, "POST", "/api/jury/rounds/stage3/declaration", { conflicts: [] });
      fin.push(s);
    }
    await orgPage.getByRole("tab", { name: "Chung kết", exact: true }).click();
    await orgPage.getByRole("button", { name: "Bốc thăm thứ tự trình bày" }).click();
    await expect.poll(() => orgPage.getByText("Mã bốc thăm", { exact: false }).isVisible()).toBe(true);
    const hall = await phoneOf(org, "/presenter");
    await orgPage.getByRole("button", { name: "Lên trình bày" }).first().click();
    await expect.poll(() => hall.getByText("Đang trình bày").isVisible(), { timeout: 10_000 }).toBe(true);
    for (const s of fin) {
      const list = (await call(s, "GET", "/api/jury/rounds/stage3/sheets")).entries as { entryId: string; entryCode: string }[];
      for (const e of list) await call(s, "PUT", `/api/jury/rounds/stage3/sheets/${e.entryId}`, sheet(8.5 - 0.5 * (Number(e.entryCode.slice(1)) - 1)));
    }
    await orgPage.reload();
    await orgPage.getByRole("tab", { name: "Chung kết", exact: true }).click();
    await orgPage.getByRole("button", { name: "Đóng vòng chấm" }).click();
    for (let k = 1; k <= 6; k++) {
      await orgPage.getByRole("button", { name: /Công bố vị trí tiếp theo/ }).click();
      await expect.poll(() => hall.locator(".reveal li").count(), { timeout: 10_000 }).toBe(k);
    }
    await expect.poll(() => hall.locator(".reveal li").last().textContent(), { timeout: 10_000 }).toContain("Hạng 1");
    await e2e.screenshot(hall, "jury-presenter-reveal");

    // Prizes: decision number and date, then the award certificate's QR code verifies.
    await orgPage.getByLabel("Số quyết định").fill("125/QĐ-SKHCN");
    await orgPage.getByLabel("Ngày quyết định").fill("2026-06-25");
    await orgPage.getByRole("button", { name: "Xác nhận kết quả chính thức" }).click();
    await expect.poll(() => orgPage.getByText("Quyết định số 125/QĐ-SKHCN", { exact: false }).isVisible(), { timeout: 30_000 }).toBe(true);
    const official = (await call(org, "GET", "/api/prizes")).official;
    const first = official.awards[0];
    const pdf = await e2e.app.inject({ method: "GET", url: `/api/certificates/${first.certificateId}/pdf`, headers: { authorization: `Bearer ${org.token}` } });
    const qr = await qrFromPdf(pdf.rawPayload);
    expect(qr).toMatch(/\/v\/[A-Za-z0-9_-]{24}$/);
    const check = await e2e.newPage();
    await check.goto(`${e2e.baseUrl}${new URL(qr).pathname}`);
    await expect.poll(() => check.getByText("Giấy chứng nhận hợp lệ").isVisible()).toBe(true);
    expect(await check.content()).toContain(pdf.headers["x-content-sha256"]);
  }, 240_000);
});
