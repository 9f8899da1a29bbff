import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ComponentType } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { completeLessons } from "../../../server/features/quiz/quiz.test-helpers";
import { fakeFence, resetFakeFence } from "../../test/fake-fence";
import { openAppAs, type RealApi, startRealApi } from "../../test/real-api";

const WAIT = { timeout: 10_000 };

describe("the test pages against the real API", () => {
  let api: RealApi;
  let Root: ComponentType;
  let userId: string;

  beforeAll(async () => {
    resetFakeFence();
    api = await startRealApi();
    const s = await api.signIn("Lê Văn Nam", "staff", "10507");
    userId = s.user.id;
    Root = await openAppAs(s);
  });
  afterAll(() => api.stop());

  const open = (path: string) => {
    window.history.pushState({}, "", path);
    return render(<Root />);
  };

  it("says in Vietnamese why the test is locked and points to the lessons", async () => {
    const view = open("/test");
    expect(await screen.findByText("Bạn cần hoàn thành đủ 14 bài học trước khi làm bài (đã xong 0/14).", {}, WAIT)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Tiếp tục học" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Bắt đầu làm bài" })).toBeNull();
    view.unmount();
  });

  it("starts after the lessons, saves a tap at once, and names the unanswered questions before submitting", async () => {
    await completeLessons(api, userId);
    const view = open("/test");
    fireEvent.click(await screen.findByRole("button", { name: "Bắt đầu làm bài" }, WAIT));
    fireEvent.click(await screen.findByRole("button", { name: "Bắt đầu" }, WAIT));
    expect(await screen.findByText("Câu 1/30", {}, WAIT)).toBeTruthy();
    fireEvent.click(screen.getAllByRole("radio")[2]!);
    await waitFor(() => expect(screen.getByRole("status", { name: "Trạng thái lưu" }).textContent).toContain("Đã lưu"), WAIT);
    expect(await api.app.ctx.db.selectFrom("quizAnswers").selectAll().execute()).toHaveLength(1);

    fireEvent.click(screen.getByRole("button", { name: "Câu 5, chưa trả lời" }));
    expect(screen.getByText("Câu 5/30")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "☆ Đánh dấu xem lại" }));
    expect(screen.getByRole("button", { name: "Câu 5, chưa trả lời, đã đánh dấu" })).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Nộp bài" }));
    const numbers = Array.from({ length: 29 }, (_, i) => `câu ${i + 2}`).join(", ");
    expect(await screen.findByText((_, el) => el?.tagName === "P" && el.textContent === `Bạn còn 29 câu chưa trả lời: ${numbers}.`, {}, WAIT)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Làm tiếp" }));
    const attempt = await api.app.ctx.db.selectFrom("quizAttempts").selectAll().executeTakeFirstOrThrow();
    expect(attempt.status).toBe("active");
    view.unmount();
  });

  it("reopened without a connection, offers the attempt kept on the phone and keeps every tap for later", async () => {
    const connected = globalThis.fetch;
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    try {
      const view = open("/test");
      fireEvent.click(await screen.findByRole("button", { name: "Tiếp tục bài đang làm (đã lưu trên điện thoại)" }, WAIT));
      expect(await screen.findByText("Câu 2/30", {}, WAIT)).toBeTruthy();
      expect(screen.getAllByRole("alert").map((el) => el.textContent).join(" ")).toContain("Mất kết nối — câu trả lời của bạn được giữ trên điện thoại này");
      fireEvent.click(screen.getAllByRole("radio")[0]!);
      for (const n of [3, 4]) {
        fireEvent.click(screen.getByRole("button", { name: `Câu ${n}, chưa trả lời` }));
        fireEvent.click(screen.getAllByRole("radio")[1]!);
      }
      await waitFor(() => expect(screen.getByRole("status", { name: "Trạng thái lưu" }).textContent).toContain("3 câu chờ gửi"), WAIT);
      view.unmount();
    } finally {
      vi.stubGlobal("fetch", connected);
    }
    expect(await api.app.ctx.db.selectFrom("quizAnswers").selectAll().execute()).toHaveLength(1);
    // Back online, opening the attempt sends what the phone kept: all three in one request.
    const sent: string[] = [];
    vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(`${init?.method ?? "GET"} ${String(input).replace(/^https?:\/\/[^/]+/, "")}`);
      return connected(input, init);
    });
    try {
      const attempt = await api.app.ctx.db.selectFrom("quizAttempts").selectAll().executeTakeFirstOrThrow();
      const view = open(`/test/${attempt.id}`);
      await waitFor(async () => expect(await api.app.ctx.db.selectFrom("quizAnswers").selectAll().execute()).toHaveLength(4), WAIT);
      await waitFor(() => expect(screen.getByRole("status", { name: "Trạng thái lưu" }).textContent).toContain("Đã lưu"), WAIT);
      const saves = sent.filter((r) => r.includes("/answers"));
      expect(saves).toEqual([`POST /api/quiz/attempts/${attempt.id}/answers`]);
      view.unmount();
    } finally {
      vi.stubGlobal("fetch", connected);
    }
  });

  it("counts down on the server's clock, warns at 5 minutes, and logs the app going to the background", async () => {
    const attempt = await api.app.ctx.db.selectFrom("quizAttempts").selectAll().executeTakeFirstOrThrow();
    // The phone's clock is not moved: only the server's is. The countdown must follow the server.
    api.clock.set(new Date(Date.parse(attempt.dueAt) - 4 * 60_000));
    const view = open(`/test/${attempt.id}`);
    expect(await screen.findByText("Còn 5 phút làm bài. Hãy kiểm tra các câu chưa trả lời.", {}, WAIT)).toBeTruthy();
    expect(screen.getByRole("timer").textContent).toMatch(/^(4:00|3:5\d)$/);

    const paused = fakeFence.onAppPaused.mock.calls.at(-1) as unknown as [() => void];
    act(() => paused[0]());
    await waitFor(async () => expect(await api.app.ctx.db.selectFrom("quizFocusEvents").select("kind").execute()).toEqual([{ kind: "paused" }]), WAIT);
    view.unmount();
  });

  it("hands the attempt in when time is up and shows the result", async () => {
    const attempt = await api.app.ctx.db.selectFrom("quizAttempts").selectAll().executeTakeFirstOrThrow();
    api.clock.set(new Date(Date.parse(attempt.dueAt) + 5_000));
    const view = open(`/test/${attempt.id}`);
    expect(await screen.findByText("Kết quả lượt 1", {}, WAIT)).toBeTruthy();
    expect(screen.getByText("Đã nộp")).toBeTruthy();
    expect(screen.getByText("Thời gian làm bài")).toBeTruthy();
    expect(screen.getByText("30 phút")).toBeTruthy();
    const row = await api.app.ctx.db.selectFrom("quizAttempts").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "submitted", finishedAt: attempt.dueAt });
    view.unmount();
  });

  it("after Stage 1 closes, shows each right answer, its explanation and a link to the lesson moment", async () => {
    const attempt = await api.app.ctx.db.selectFrom("quizAttempts").selectAll().executeTakeFirstOrThrow();
    const [first] = await api.app.ctx.db.selectFrom("quizAttemptQuestions").selectAll().where("position", "=", 1).execute();
    const bank = api.pack.questions.find((q) => q.id === first!.questionId)!;
    api.clock.set(new Date(Date.parse(api.pack.stages[0]!.closesAt) + 60_000));
    const view = open(`/test/${attempt.id}/review`);
    expect(await screen.findByText("Đáp án lượt 1", {}, WAIT)).toBeTruthy();
    expect(screen.getByText(bank.explanation)).toBeTruthy();
    const item = screen.getAllByRole("listitem").find((li) => li.getAttribute("aria-label")?.startsWith("Câu 1:"))!;
    expect(item.textContent).toContain(`${bank.options.find((o) => o.id === bank.correctOptionId)!.text} — Đáp án đúng`);
    const lesson = api.pack.lessons.find((l) => l.id === bank.lessonId)!;
    fireEvent.click(screen.getAllByRole("button", { name: new RegExp(`Xem lại Bài ${lesson.order} – nội dung ở phút`) })[0]!);
    await waitFor(() => expect(`${window.location.pathname}${window.location.search}`).toBe(`/learn/${lesson.id}?t=${bank.lessonMomentSec}`), WAIT);
    view.unmount();
  });
});
