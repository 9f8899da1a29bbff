import { screen, within } from "@testing-library/react";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetFakeFence } from "../../test/fake-fence";
import { type RealApi, startRealApi } from "../../test/real-api";
import { renderApp } from "../../test/render-app";
import { PhonePage } from "./phone-page";

describe("the phone step", () => {
  let api: RealApi;
  beforeAll(async () => {
    api = await startRealApi();
  });
  afterAll(() => api.stop());
  beforeEach(() => resetFakeFence());

  it("shows the privacy notice first: who controls the data, why, how long, the rights, and the law in force", async () => {
    const me = await api.signIn("Nguyễn Thị Lan", "staff", "10507");
    renderApp(<PhonePage />, { user: me.user, token: me.token });
    const notice = await screen.findByRole("region", { name: "Thông báo xử lý dữ liệu cá nhân" });
    expect(await within(notice).findByText(new RegExp(api.pack.organizer), {}, { timeout: 10_000 })).toBeTruthy();
    const text = notice.textContent ?? "";
    for (const heading of ["Ai kiểm soát dữ liệu", "Dữ liệu được thu thập", "Vì sao", "Lưu trong bao lâu", "Quyền của bạn"]) expect(text).toContain(heading);
    expect(text).toContain(`thêm ${api.pack.privacy.retainDaysAfterContest} ngày`);
    expect(text).toContain(`trả lời trong ${api.pack.privacy.responseDays} ngày`);
    expect(text).toContain(api.pack.contacts[0]!.value);
    expect(document.body.textContent).toContain("Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15");
    expect(document.body.textContent).toContain("Nghị định 356/2025/NĐ-CP");
    expect(document.body.textContent).not.toContain("13/2023");
    // The notice comes before the button that shares the phone.
    const share = screen.getByRole("button", { name: "Đồng ý chia sẻ số điện thoại" });
    expect(notice.compareDocumentPosition(share) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
