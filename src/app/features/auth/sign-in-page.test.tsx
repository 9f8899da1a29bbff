import { render, screen } from "@testing-library/react";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Root } from "../../app";
import { fakeFence, resetFakeFence } from "../../test/fake-fence";
import { type RealApi, startRealApi } from "../../test/real-api";

describe("signing in inside Zalo", () => {
  let api: RealApi;
  beforeAll(async () => {
    api = await startRealApi();
  });
  afterAll(() => api.stop());
  beforeEach(() => {
    resetFakeFence();
    fakeFence.isInsideZalo.mockReturnValue(true);
  });

  it("signs in silently with the Zalo token and starts onboarding, with no password anywhere", async () => {
    api.zalo.addUser("zalo-token-of-hoa-123456", { id: "zalo-hoa", name: "Lê Thị Hoa" });
    fakeFence.zaloAccessToken.mockResolvedValue("zalo-token-of-hoa-123456");
    render(<Root />);
    expect(await screen.findByText("Thông tin của bạn", {}, { timeout: 10_000 })).toBeTruthy();
    // The Zalo name is offered as the full name.
    expect((screen.getByLabelText("Họ và tên") as HTMLInputElement).value).toBe("Lê Thị Hoa");
    expect(screen.queryByText(/mật khẩu/i)).toBeNull();
    expect(api.zalo.requests.some((r) => r.path === "/v2.0/me")).toBe(true);
  });

  it("says in Vietnamese when Zalo refuses the token, and offers a retry", async () => {
    fakeFence.zaloAccessToken.mockResolvedValue("token-zalo-does-not-know");
    render(<Root />);
    expect(await screen.findByText("Zalo chưa xác nhận được tài khoản của bạn. Vui lòng mở lại ứng dụng.", {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Thử lại" })).toBeTruthy();
  });
});
