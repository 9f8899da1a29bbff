import { fireEvent, render, screen, within } from "@testing-library/react";
import type { ComponentType } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeLessons, keyOf, save, startAndLoad } from "../../../server/features/quiz/quiz.test-helpers";
import { resetFakeFence } from "../../test/fake-fence";
import { openAppAs, type RealApi, startRealApi } from "../../test/real-api";

const WAIT = { timeout: 10_000 };

describe("the organisers' item analysis page against the real API", () => {
  let api: RealApi;
  let Root: ComponentType;
  let firstQuestion = "";

  beforeAll(async () => {
    resetFakeFence();
    api = await startRealApi();
    // 32 takers; everybody gets the first question of their paper wrong, so every question that is
    // someone's first is harder than the rest.
    for (let i = 0; i < 32; i++) {
      const me = await api.signIn(`Thí sinh ${i}`, "staff", "10507");
      await completeLessons(api, me.user.id);
      const attempt = await startAndLoad(api, me.auth);
      if (i === 0) firstQuestion = attempt.questions[0]!.id;
      for (const [pos, q] of attempt.questions.entries()) {
        const { right, wrong } = keyOf(api, q);
        await save(api, me.auth, attempt.attempt.id, q.id, pos === 0 || pos > 15 + (i % 14) ? wrong : right, 1);
      }
      await api.app.inject({ method: "POST", url: `/api/quiz/attempts/${attempt.attempt.id}/submit`, headers: me.auth });
    }
    const org = await api.signIn("Ban Tổ Chức", "organizer", "10507");
    Root = await openAppAs(org);
  }, 120_000);
  afterAll(() => api.stop());

  it("shows the test's figures, the questions to review with their reasons, and each option's share", async () => {
    window.history.pushState({}, "", "/organizer/items");
    const view = render(<Root />);
    expect(await screen.findByRole("heading", { name: "Phân tích câu hỏi" }, WAIT)).toBeTruthy();
    const summary = await screen.findByRole("region", { name: "Toàn bài" }, WAIT);
    expect(within(summary).getByText("32")).toBeTruthy();
    expect(within(summary).getByRole("list", { name: "Phân bố số câu đúng" })).toBeTruthy();

    // Only flagged questions by default; the first question of the first paper was always wrong → too hard.
    fireEvent.click(screen.getByRole("checkbox"));
    const all = await screen.findAllByRole("button", { expanded: false }, WAIT);
    const row = all.find((b) => b.textContent?.startsWith(firstQuestion));
    expect(row).toBeTruthy();
    fireEvent.click(row!);
    const table = await screen.findByRole("table", {}, WAIT);
    expect(within(table).getByText(/\(đáp án đúng\)/)).toBeTruthy();
    expect(within(table).getAllByRole("row").length).toBeGreaterThan(2);
    view.unmount();
  });
});
