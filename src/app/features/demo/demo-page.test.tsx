import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ComponentType } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeFence, resetFakeFence } from "../../test/fake-fence";
import { type RealApi, startRealApi } from "../../test/real-api";

const WAIT = { timeout: 10_000 };

describe("the demo sign-in and demo panel against the real API", () => {
  let api: RealApi;
  let Root: ComponentType;

  beforeAll(async () => {
    resetFakeFence();
    fakeFence.isInsideZalo.mockReturnValue(false);
    api = await startRealApi();
    await api.signIn("Phạm Thu Hà", "organizer");
    ({ Root } = await import("../../app"));
  });
  afterAll(() => api.stop());

  it("names the role picker, lists the demo accounts and switches to one without a new account", async () => {
    window.history.pushState({}, "", "/");
    const view = render(<Root />);
    const roles = await screen.findByRole("group", { name: "Vai trò (chỉ trong bản trình diễn)" }, WAIT);
    expect(within(roles).getAllByRole("radio").map((r) => (r as HTMLInputElement).labels?.[0]?.textContent)).toEqual(["Cán bộ, công chức", "Lãnh đạo đơn vị", "Ban tổ chức", "Giám khảo"]);
    const list = await screen.findByRole("list", { name: "Tài khoản trình diễn đã có" }, WAIT);
    fireEvent.click(within(list).getByRole("button", { name: "Phạm Thu Hà · Ban tổ chức" }));
    // Onboarding (no unit yet) greets the same account: no second account was made.
    expect(await screen.findByText("Thông tin của bạn", {}, WAIT)).toBeTruthy();
    expect(await api.app.ctx.db.selectFrom("demoAccounts").selectAll().execute()).toHaveLength(1);
    view.unmount();
  });

  it("lets an organiser move the contest clock from the demo panel, and the app's clock follows", async () => {
    await api.app.ctx.db.updateTable("users").set({ unitCode: "SO-KHCN" }).where("fullName", "=", "Phạm Thu Hà").execute();
    window.history.pushState({}, "", "/demo");
    const view = render(<Root />);
    const list = await screen.findByRole("list", { name: "Tài khoản trình diễn đã có" }, WAIT);
    fireEvent.click(within(list).getByRole("button", { name: /Phạm Thu Hà · Ban tổ chức/ }));
    expect(await screen.findByText(/Chỉ có trong bản trình diễn/, {}, WAIT)).toBeTruthy();
    fireEvent.click(await screen.findByRole("button", { name: "Giai đoạn 1 đã kết thúc" }, WAIT));
    expect(await screen.findByText(/Đã chuyển đồng hồ cuộc thi đến: Giai đoạn 1 đã kết thúc/, {}, WAIT)).toBeTruthy();
    expect(api.app.ctx.clock.now().getTime()).toBeGreaterThan(Date.parse(api.pack.stages[0]!.closesAt));
    await waitFor(() => expect(screen.getByRole("button", { name: "Giai đoạn 1 đã kết thúc" }).getAttribute("aria-pressed")).toBe("true"), WAIT);
    view.unmount();
  });
});
