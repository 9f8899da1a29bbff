import { render, screen, within } from "@testing-library/react";
import type { ComponentType } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeLessons, startAndLoad } from "../../../server/features/quiz/quiz.test-helpers";
import { resetFakeFence } from "../../test/fake-fence";
import { openAppAs, type RealApi, startRealApi } from "../../test/real-api";

const WAIT = { timeout: 10_000 };

describe("the person's test page shows what organisers changed, and why (real API)", () => {
  let api: RealApi;
  let Root: ComponentType;

  beforeAll(async () => {
    resetFakeFence();
    api = await startRealApi();
    const me = await api.signIn("Người Được Cộng Giờ", "staff", "10507");
    await completeLessons(api, me.user.id);
    const attempt = await startAndLoad(api, me.auth);
    const org = await api.signIn("Ban Tổ Chức", "organizer", "10507");
    const res = await api.app.inject({ method: "POST", url: `/api/quiz/overrides/attempts/${attempt.attempt.id}/time`, headers: org.auth, payload: { minutes: 10, reason: "Mất điện tại điểm thi" } });
    expect(res.statusCode).toBe(200);
    Root = await openAppAs(me);
  }, 120_000);
  afterAll(() => api.stop());

  it("lists the extra time with its reason", async () => {
    window.history.pushState({}, "", "/test");
    const view = render(<Root />);
    const card = await screen.findByRole("region", { name: "Thay đổi từ Ban tổ chức" }, WAIT);
    expect(within(card).getByText("Ban tổ chức cộng thêm 10 phút cho lượt 1.")).toBeTruthy();
    expect(within(card).getByText(/Lý do: Mất điện tại điểm thi/)).toBeTruthy();
    view.unmount();
  });
});
