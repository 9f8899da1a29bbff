import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ERASED_NAME } from "../../../domain/privacy/privacy.config";
import { resetFakeFence } from "../../test/fake-fence";
import { type RealApi, startRealApi } from "../../test/real-api";
import { renderApp } from "../../test/render-app";
import { PrivacyAdminPage } from "./privacy-admin-page";

const WAIT = { timeout: 10_000 };

describe("the organisers' personal-data page against the real API", () => {
  let api: RealApi;
  beforeAll(async () => {
    api = await startRealApi();
  });
  afterAll(() => api.stop());
  beforeEach(() => resetFakeFence());

  it("turns report phones on, shows the retention dry run, and completes a deletion request", async () => {
    const org = await api.signIn("Ban Tổ Chức", "organizer", "10507");
    const staff = await api.signIn("Phạm Thị Hằng", "staff", "10507");
    const asked = await api.app.inject({ method: "POST", url: "/api/privacy/me/requests", headers: staff.auth, payload: { kind: "delete", note: "Tôi đã nghỉ hưu" } });
    expect(asked.statusCode).toBe(200);

    renderApp(<PrivacyAdminPage />, { user: org.user, token: org.token });
    const phones = await screen.findByRole("checkbox", { name: "Xuất số điện thoại cán bộ trong báo cáo đơn vị" }, WAIT);
    expect((phones as HTMLInputElement).checked).toBe(false);
    await userEvent.click(phones);
    await waitFor(async () => expect((await api.app.inject({ method: "GET", url: "/api/privacy/settings", headers: org.auth })).json().reportStaffPhones).toBe(true), WAIT);

    const retention = await screen.findByRole("region", { name: "Thời hạn lưu trữ" }, WAIT);
    expect(retention.textContent).toContain("(chưa đến hạn)");
    expect((within(retention).getByRole("button", { name: "Chạy ẩn danh ngay" }) as HTMLButtonElement).disabled).toBe(true);

    const card = (await screen.findByText(/Xoá dữ liệu — Phạm Thị Hằng/, {}, WAIT)).closest("li")!;
    expect(card.textContent).toContain("Tôi đã nghỉ hưu");
    await userEvent.type(within(card).getByLabelText("Trả lời người yêu cầu"), "Đã xoá theo yêu cầu");
    await userEvent.click(within(card).getByRole("button", { name: "Xoá (ẩn danh) dữ liệu" }));
    expect(await screen.findByText("Không có yêu cầu nào.", {}, WAIT)).toBeTruthy();
    const row = await api.app.ctx.db.selectFrom("users").select(["fullName", "deletedAt"]).where("id", "=", staff.user.id).executeTakeFirstOrThrow();
    expect(row.fullName).toBe(ERASED_NAME);
    expect(row.deletedAt).not.toBeNull();
  });
});
