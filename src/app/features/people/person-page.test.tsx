import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ComponentType } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeLessons, keyOf, save, startAndLoad } from "../../../server/features/quiz/quiz.test-helpers";
import { listAudit } from "../../../server/shared/audit";
import { resetFakeFence } from "../../test/fake-fence";
import { openAppAs, type RealApi, startRealApi } from "../../test/real-api";

const WAIT = { timeout: 10_000 };

describe("the organisers' people pages against the real API", () => {
  let api: RealApi;
  let Root: ComponentType;
  let personId = "";

  beforeAll(async () => {
    resetFakeFence();
    api = await startRealApi();
    const me = await api.signIn("Đỗ Thị Tra Cứu", "staff", "10507");
    personId = me.user.id;
    await completeLessons(api, me.user.id);
    const attempt = await startAndLoad(api, me.auth);
    for (const q of attempt.questions) await save(api, me.auth, attempt.attempt.id, q.id, keyOf(api, q).right, 1);
    await api.app.inject({ method: "POST", url: `/api/quiz/attempts/${attempt.attempt.id}/submit`, headers: me.auth });
    const org = await api.signIn("Ban Tổ Chức", "organizer", "10507");
    Root = await openAppAs(org);
  }, 120_000);
  afterAll(() => api.stop());

  it("finds a person, opens their page, and voids an attempt only with a reason", async () => {
    window.history.pushState({}, "", "/organizer/people");
    const view = render(<Root />);
    expect(await screen.findByRole("heading", { name: "Tra cứu cán bộ" }, WAIT)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Họ tên hoặc số điện thoại"), { target: { value: "tra cứu" } });
    fireEvent.click(screen.getByRole("button", { name: "Tìm" }));
    const results = await screen.findByRole("list", { name: "Kết quả" }, WAIT);
    fireEvent.click(within(results).getByRole("button", { name: /Đỗ Thị Tra Cứu/ }));

    expect(await screen.findByRole("heading", { name: "Đỗ Thị Tra Cứu" }, WAIT)).toBeTruthy();
    const attempts = await screen.findByRole("region", { name: "Bài thi" }, WAIT);
    expect(within(attempts).getByText(/Lượt 1: Đã nộp · 100 điểm/)).toBeTruthy();
    expect(within(screen.getByRole("region", { name: "Tiến độ" })).getByText(/Bài học: 14\/14/)).toBeTruthy();

    fireEvent.click(within(attempts).getByRole("button", { name: "Hủy kết quả" }));
    const dialog = await screen.findByRole("dialog", { name: "Hủy kết quả lượt 1" }, WAIT);
    fireEvent.click(within(dialog).getByRole("button", { name: "Hủy kết quả" }));
    expect(within(dialog).getByRole("alert").textContent).toMatch(/lý do/i);
    fireEvent.change(within(dialog).getByLabelText("Lý do"), { target: { value: "Gian lận đã được xác minh" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Hủy kết quả" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull(), WAIT);
    expect(await screen.findByText(/Lượt 1: Đã hủy kết quả/, {}, WAIT)).toBeTruthy();
    expect(screen.getByRole("list", { name: "Điều chỉnh đã làm" }).textContent).toMatch(/Hủy kết quả \(lượt 1\) — Gian lận đã được xác minh/);
    expect((await listAudit(api.app.ctx.db, 1))[0]).toMatchObject({ action: "quiz.void", subject: personId });

    // The advisory focus log opens under the attempt, labelled as such.
    fireEvent.click(screen.getByRole("button", { name: "Nhật ký rời ứng dụng" }));
    const log = await screen.findByRole("region", { name: "Nhật ký rời ứng dụng" }, WAIT);
    expect(log.textContent).toMatch(/Chỉ để tham khảo/);
    view.unmount();
  });
});
