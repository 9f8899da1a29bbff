import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RemindersConfigSchema } from "../../../domain/reminders/reminders.config";
import { ReminderWorker } from "../../../server/features/reminders/reminders.worker";
import { type E2E, startE2E } from "../../test/e2e-harness";

describe("deadline reminders in a phone browser", () => {
  let e2e: E2E;
  beforeAll(async () => {
    // A rule that fires now: the demo's Stage 1 closes five days after start-up.
    e2e = await startE2E({
      pack: (p) => ({
        ...p,
        reminders: RemindersConfigSchema.parse({
          ...p.reminders,
          rules: [
            { id: "s1-now", stage: "stage1", edge: "closes", offset: "-5d", audience: "unfinished", title: "Còn 5 ngày để hoàn thành", body: "{stage} kết thúc lúc {deadline}. {name} {remaining}.", path: "/learn", maxDelay: "1d" },
          ],
        }),
      }),
    });
  });
  afterAll(() => e2e?.close());

  it("a person sees the reminder in the inbox, the badge clears when read, and they can turn on Zalo reminders", async () => {
    const page = await e2e.newPage();
    await page.context().grantPermissions(["notifications"], { origin: e2e.baseUrl });
    await e2e.signInAndOnboard(page, { name: "Nguyễn Thị Lan", unitCode: "10507", unitSearch: "thanh dong" });
    expect(await page.getByLabel("1 chưa đọc").count()).toBe(0);

    // The scheduler runs (here by hand; in production every REMINDERS_TICK_SECONDS).
    expect(await new ReminderWorker(e2e.app.ctx).tick()).toMatchObject({ queued: 1 });
    await page.reload();
    await expect.poll(() => page.getByLabel("1 chưa đọc").isVisible()).toBe(true);

    await page.getByText("Cá nhân").click();
    await page.getByRole("button", { name: "Thông báo (1 chưa đọc)" }).click();
    const list = page.getByRole("list", { name: "Danh sách thông báo" });
    await expect.poll(() => list.getByRole("listitem").count()).toBe(1);
    const item = list.getByRole("listitem").first();
    await expect.poll(() => item.textContent()).toContain("Còn 5 ngày để hoàn thành");
    expect(await item.textContent()).toMatch(/Giai đoạn 1 – Nâng cao năng lực kết thúc lúc \d\d:\d\d \d\d\/\d\d\/\d{4}\. Nguyễn Thị Lan còn 14 bài học và bài kiểm tra\./);
    expect(await item.textContent()).toContain("Chưa đọc");
    await page.waitForTimeout(500); // let the page transition finish, for a readable screenshot
    await e2e.screenshot(page, "inbox-unread");

    await item.getByRole("button", { name: "Đánh dấu đã đọc: Còn 5 ngày để hoàn thành" }).click();
    await expect.poll(() => item.textContent()).toContain("Đã đọc");
    await expect.poll(() => page.getByLabel("1 chưa đọc").count()).toBe(0);
    // Recorded on the server: still read when the app is opened again.
    await page.goto(e2e.baseUrl);
    await expect.poll(() => page.getByText("Lịch thi").isVisible()).toBe(true);
    await page.getByText("Cá nhân").click();
    await page.getByRole("button", { name: "Thông báo" }).click();
    await expect.poll(() => page.getByRole("list", { name: "Danh sách thông báo" }).getByRole("listitem").first().textContent()).toContain("Đã đọc");
    expect(await page.getByLabel("1 chưa đọc").count()).toBe(0);

    // Turning on Zalo reminders asks for permission through the fence, then records the answer.
    await page.getByRole("button", { name: "Bật nhắc hạn" }).click();
    await expect.poll(() => page.getByText("Đã bật nhắc hạn qua Zalo.").isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("button", { name: "Bật nhắc hạn" }).count()).toBe(0);
    await page.getByText("Cá nhân").click();
    await expect.poll(() => page.getByRole("checkbox", { name: "Nhắc hạn qua Zalo" }).isChecked()).toBe(true);
    await e2e.screenshot(page, "me-with-reminders");
  });

  it("an organiser sees, per reminder, how many messages went out and why pushes were skipped", async () => {
    // An organiser's session, opened as the app stores it (sign-in itself is covered by the home test).
    const res = await e2e.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Phạm Thu Hà", role: "organizer", unitCode: "10507" } });
    const page = await e2e.newPage();
    await page.addInitScript((session) => window.localStorage.setItem("hvai.session.v1", session), res.body);
    await page.goto(e2e.baseUrl);
    await page.getByText("Cá nhân").click();
    await page.getByRole("button", { name: "Theo dõi nhắc hạn" }).click();
    const rules = page.getByRole("list", { name: "Các lần nhắc" });
    await expect.poll(() => rules.getByRole("listitem").filter({ hasText: "Còn 5 ngày để hoàn thành" }).count()).toBe(1);
    const row = rules.getByRole("listitem").filter({ hasText: "Còn 5 ngày để hoàn thành" });
    expect(await row.textContent()).toContain("Người chưa hoàn thành");
    expect(await row.textContent()).toContain("Đã xếp hàng gửi");
    // The e2e server has no Zalo key: the push is skipped, the inbox copy is there.
    expect(await row.textContent()).toContain("Bỏ qua vì: 1 kênh Zalo chưa được cấu hình");
    await expect.poll(() => page.getByText("Khả năng nhắc kịp trước hạn").isVisible()).toBe(true);
    // A test send reaches the organiser's own inbox at once: the badge shows it.
    await row.getByRole("button", { name: "Gửi thử cho tôi: Còn 5 ngày để hoàn thành" }).click();
    await expect.poll(() => page.getByLabel("1 chưa đọc").isVisible()).toBe(true);
    await page.waitForTimeout(500); // let the page transition finish, for a readable screenshot
    await e2e.screenshot(page, "reminders-overview");
  });

  it("a unit lead nudges a named person from the chase list, and it lands in that person's inbox", async () => {
    const signIn = async (name: string, role: "staff" | "unit_lead") =>
      (await e2e.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name, role, unitCode: "10507" } })).json() as { token: string; user: { id: string } };
    const nam = await signIn("Trần Văn Nam", "staff");
    const lead = await signIn("Đỗ Thị Hương", "unit_lead");
    // Nam is on the unit's staff list (as the roster upload would put him).
    const at = new Date().toISOString();
    await e2e.app.ctx.db
      .insertInto("rosterEntries")
      .values({ id: randomUUID(), unitCode: "10507", rowKey: "nam", fullName: "Trần Văn Nam", phone: null, position: "Chuyên viên", subUnit: "Văn phòng", userId: nam.user.id, isLead: 0, source: "import", createdAt: at, updatedAt: at })
      .execute();

    const page = await e2e.newPage();
    await page.addInitScript((session) => window.localStorage.setItem("hvai.session.v1", session), JSON.stringify(lead));
    await page.goto(e2e.baseUrl);
    await page.getByText("Cá nhân").click();
    await page.getByRole("button", { name: "Theo dõi đơn vị của tôi" }).click();
    await page.getByRole("button", { name: "Nhắc Trần Văn Nam" }).click();
    await expect.poll(() => page.getByText("Đã nhắc Trần Văn Nam.").isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("button", { name: "Đã nhắc Trần Văn Nam" }).isDisabled()).toBe(true);
    await page.waitForTimeout(500); // let the page transition finish, for a readable screenshot
    await e2e.screenshot(page, "chase-list-nudged");

    const inbox = (await e2e.app.inject({ method: "GET", url: "/api/inbox", headers: { authorization: `Bearer ${nam.token}` } })).json();
    expect(inbox.items[0]).toMatchObject({ kind: "nudge", title: "Nhắc hoàn thành Giai đoạn 1" });
    expect(inbox.items[0].body).toContain("Đồng chí Đỗ Thị Hương đề nghị đồng chí Trần Văn Nam hoàn thành Giai đoạn 1");
  });
});
