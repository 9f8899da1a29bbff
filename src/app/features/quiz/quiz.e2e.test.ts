import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatScore } from "./quiz-format";
import { type E2E, startE2E } from "../../test/e2e-harness";

const NAME = "Trần Thị Mai";
const WARD = "10507"; // Phường Thành Đông
const POLL = { timeout: 15_000 };

describe("a person who finished the lessons takes the test on a patchy connection", () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ pack: (p) => ({ ...p, quiz: { ...p.quiz, questionCount: 5 } }) });
  });
  afterAll(() => e2e?.close());

  /** The bank question on screen, and the option text this test means to pick (right or deliberately wrong). */
  async function current(page: Page, wantRight: boolean) {
    const stem = (await page.locator(".quiz-stem").textContent())?.trim() ?? "";
    const q = e2e.app.ctx.pack.questions.find((b) => b.stem === stem);
    if (!q) throw new Error(`question not in the bank: ${stem}`);
    const pick = wantRight ? q.options.find((o) => o.id === q.correctOptionId)! : q.options.find((o) => o.id !== q.correctOptionId)!;
    return { q, text: pick.text, right: wantRight };
  }

  const storedAnswers = (attemptId: string) =>
    e2e.app.ctx.db.selectFrom("quizAnswers").select(["questionId", "optionId"]).where("attemptId", "=", attemptId).execute();

  it("keeps answering offline, comes back online, submits, and every answer is counted", async () => {
    const page = await e2e.newPage();
    await e2e.signInAndOnboard(page, { name: NAME, unitCode: WARD });
    const { db, pack } = e2e.app.ctx;
    const me = await db.selectFrom("users").select("id").where("fullName", "=", NAME).executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    await db.insertInto("lessonProgress").values(pack.lessons.map((l) => ({ userId: me.id, lessonId: l.id, completedAt: at }))).execute();

    await page.getByText("Kiểm tra", { exact: true }).click();
    await expect.poll(() => page.getByText(`Đã hoàn thành ${pack.lessons.length}/${pack.lessons.length} bài học`).isVisible(), POLL).toBe(true);
    await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
    await page.getByRole("button", { name: "Bắt đầu", exact: true }).click();

    await expect.poll(() => page.getByText("Câu 1/5").isVisible(), POLL).toBe(true);
    await expect.poll(() => page.getByRole("timer").textContent(), POLL).toMatch(/\d+:\d\d/);
    const attemptId = new URL(page.url()).pathname.split("/").pop()!;

    const picks: { q: { id: string }; text: string; right: boolean }[] = [];
    const answer = async (n: number, wantRight: boolean) => {
      await expect.poll(() => page.getByText(`Câu ${n}/5`).isVisible(), POLL).toBe(true);
      const pick = await current(page, wantRight);
      await page.getByRole("radio", { name: pick.text }).click();
      await expect.poll(() => page.getByRole("radio", { name: pick.text }).getAttribute("aria-checked"), POLL).toBe("true");
      picks.push(pick);
      if (n < 5) await page.getByRole("button", { name: "Câu sau" }).click();
    };

    // Online: two answers, each saved at once.
    await answer(1, true);
    await answer(2, false);
    await expect.poll(() => page.getByRole("status", { name: "Trạng thái lưu" }).textContent(), POLL).toContain("Đã lưu");
    await expect.poll(async () => (await storedAnswers(attemptId)).length, POLL).toBe(2);

    // The connection drops: the person keeps answering; the phone keeps the answers.
    await page.context().setOffline(true);
    await answer(3, true);
    await answer(4, false);
    await answer(5, true);
    await expect.poll(() => page.getByRole("alert").first().textContent(), POLL).toContain("Mất kết nối — câu trả lời của bạn được giữ trên điện thoại này");
    await expect.poll(() => page.getByRole("status", { name: "Trạng thái lưu" }).textContent(), POLL).toContain("3 câu chờ gửi");
    await expect.poll(() => page.getByRole("button", { name: "Câu 4, đã trả lời, chờ gửi" }).isVisible(), POLL).toBe(true);
    expect(await storedAnswers(attemptId)).toHaveLength(2);
    await e2e.screenshot(page, "quiz-offline");

    // Back online: the outbox is replayed without the person doing anything.
    await page.context().setOffline(false);
    await expect.poll(async () => (await storedAnswers(attemptId)).length, POLL).toBe(5);
    await expect.poll(() => page.getByRole("status", { name: "Trạng thái lưu" }).textContent(), POLL).toContain("Đã lưu");
    expect(await page.getByText("Mất kết nối").count()).toBe(0);

    // Reopening the app resumes the same attempt with every answer in place.
    await page.goto(e2e.baseUrl);
    await page.getByText("Kiểm tra", { exact: true }).click();
    await page.getByRole("button", { name: "Tiếp tục bài đang làm" }).click();
    await expect.poll(() => page.getByRole("button", { name: /^Câu \d, đã trả lời$/ }).count(), POLL).toBe(5);

    await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
    await expect.poll(() => page.getByText("Bạn đã trả lời đủ 5 câu.").isVisible(), POLL).toBe(true);
    await page.getByRole("button", { name: "Xác nhận nộp bài" }).click();

    const rightCount = picks.filter((p) => p.right).length;
    await expect.poll(() => page.getByText("Kết quả lượt 1").isVisible(), POLL).toBe(true);
    await expect.poll(() => page.getByText(`${rightCount}/5 câu`).isVisible(), POLL).toBe(true);
    await expect.poll(() => page.getByLabel("Điểm").textContent(), POLL).toContain(formatScore((rightCount * 100) / 5));
    await expect.poll(() => page.getByText("1/1 – Phường Thành Đông").isVisible(), POLL).toBe(true);
    await e2e.screenshot(page, "quiz-result");

    // The server holds exactly what was picked on screen, and scored it.
    const stored = await db.selectFrom("quizAnswers").innerJoin("quizAttemptQuestions", (j) =>
      j.onRef("quizAttemptQuestions.attemptId", "=", "quizAnswers.attemptId").onRef("quizAttemptQuestions.questionId", "=", "quizAnswers.questionId"),
    ).select(["quizAnswers.questionId", "quizAnswers.optionId"]).where("quizAnswers.attemptId", "=", attemptId).execute();
    for (const p of picks) {
      const bank = pack.questions.find((b) => b.id === p.q.id)!;
      expect(stored.find((s) => s.questionId === p.q.id)?.optionId).toBe(bank.options.find((o) => o.text === p.text)!.id);
    }
    const attempt = await db.selectFrom("quizAttempts").selectAll().where("id", "=", attemptId).executeTakeFirstOrThrow();
    expect(attempt).toMatchObject({ status: "submitted", correctCount: rightCount, questionCount: 5 });

    // Back on the test page: the counted score, and the answers are promised after Stage 1 closes.
    await page.getByRole("button", { name: "Về trang Kiểm tra" }).click();
    await expect.poll(() => page.getByText("Điểm được tính").isVisible(), POLL).toBe(true);
    await expect.poll(() => page.getByText("Lượt 1").isVisible(), POLL).toBe(true);
    await e2e.screenshot(page, "quiz-test-page");
  });
});
