import { randomUUID } from "node:crypto";
import { render, screen, within } from "@testing-library/react";
import type { ComponentType } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetFakeFence } from "../../test/fake-fence";
import { openAppAs, type RealApi, startRealApi } from "../../test/real-api";

const WAIT = { timeout: 10_000 };

describe("a unit lead on their own chase list", () => {
  let api: RealApi;
  let Root: ComponentType;

  beforeAll(async () => {
    resetFakeFence();
    api = await startRealApi();
    const at = api.clock.now().toISOString();
    const row = (fullName: string, phone: string) => ({ id: randomUUID(), unitCode: "10507", rowKey: `tel:${phone}`, fullName, phone, position: "Chuyên viên", subUnit: "Văn phòng", userId: null, isLead: 0, source: "import" as const, createdAt: at, updatedAt: at });
    await api.app.ctx.db.insertInto("rosterEntries").values([row("Vũ Thị Mai", "0912000001"), row("Đặng Văn Long", "0912000002")]).execute();
    const s = await api.signIn("Vũ Thị Mai", "unit_lead", "10507");
    Root = await openAppAs(s);
  });
  afterAll(() => api.stop());

  it("is told they are signed in but not matched, with the fix, instead of reading “chưa đăng nhập” as a fact", async () => {
    window.history.pushState({}, "", "/unit/10507");
    render(<Root />);
    const notice = await screen.findByRole("note", { name: "Tài khoản của bạn chưa khớp với danh sách" }, WAIT);
    expect(notice.textContent).toContain("Bạn đã đăng nhập nhưng tài khoản chưa được ghép với danh sách của đơn vị.");
    expect(within(notice).getByRole("button", { name: "Xác minh số điện thoại" })).toBeTruthy();
    const list = screen.getByRole("list", { name: "Danh sách chưa hoàn thành" });
    const mine = within(list).getAllByRole("listitem").find((li) => li.textContent?.includes("Vũ Thị Mai"));
    expect(mine?.textContent).toContain("Có thể là bạn: chưa ghép tài khoản");
  });
});
