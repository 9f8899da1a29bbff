import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LessonListResponse, LessonSummary } from "../../../domain/learning/learning.schema";
import { resetFakeFence } from "../../test/fake-fence";
import { json, makeUser, renderApp } from "../../test/render-app";
import { LessonsPage } from "./lessons-page";
import { lessonOutbox } from "./progress-outbox";

const user = makeUser({ notificationsConsent: true });

const lesson = (order: number, over: Partial<LessonSummary> = {}): LessonSummary => ({
  id: `bai-${String(order).padStart(2, "0")}`,
  order,
  title: `Bài học số ${order}`,
  summary: "Tóm tắt",
  durationSec: 330,
  posterUrl: `/media/media/bai-${order}.jpg`,
  status: "not_started",
  coverage: 0,
  completedAt: null,
  locked: false,
  ...over,
});

const rules = { completionThreshold: 0.9, requireOrder: true, blockForwardSeek: true, maxPlaybackRate: 1.5, reportEverySec: 10 };

const renderPage = () => renderApp(<LessonsPage />, { user, token: "t" });

/** The API answers every request with this list (its counts taken from the lessons). */
const serveList = (lessons: LessonSummary[]) => {
  const completedCount = lessons.filter((l) => l.status === "completed").length;
  const list: LessonListResponse = { lessons, completedCount, total: lessons.length, allCompleted: completedCount === lessons.length, rules };
  vi.stubGlobal("fetch", vi.fn(async () => json(list)));
};
const DONE = { status: "completed", coverage: 1, completedAt: "2026-06-02T01:00:00.000Z" } as const;

describe("lessons page", () => {
  beforeEach(() => resetFakeFence());
  afterEach(() => vi.unstubAllGlobals());

  it("shows x/14, each lesson's status, the order lock and what to study next", async () => {
    serveList([
      lesson(1, DONE),
      lesson(2, { status: "in_progress", coverage: 0.456 }),
      lesson(3, { locked: true }),
      ...Array.from({ length: 11 }, (_, i) => lesson(i + 4, { locked: true })),
    ]);
    renderPage();
    expect(await screen.findByText("Đã hoàn thành 1/14 bài học")).toBeTruthy();
    const items = within(screen.getByRole("list", { name: "Danh sách bài học" })).getAllByRole("listitem");
    expect(items).toHaveLength(14);
    expect(items[0]?.textContent).toContain("Đã hoàn thành");
    expect(items[1]?.textContent).toContain("Đang học 45%");
    expect(items[1]?.textContent).toContain("5 phút 30 giây");
    expect(items[2]?.textContent).toContain("Cần học xong bài trước");
    expect(within(items[2]!).getByRole("button")).toHaveProperty("disabled", true);
    expect(screen.getByRole("button", { name: "Học tiếp: Bài 2" })).toBeTruthy();
    expect(screen.getByText(/ít nhất 90% thời lượng video, theo đúng thứ tự các bài/)).toBeTruthy();
  });

  it("says “Học tiếp” once lesson 1 is done, even before lesson 2 is opened", async () => {
    serveList([lesson(1, DONE), ...Array.from({ length: 13 }, (_, i) => lesson(i + 2))]);
    renderPage();
    expect(await screen.findByRole("button", { name: "Học tiếp: Bài 2" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Bắt đầu học/ })).toBeNull();
  });

  it("says when everything is done and points to the test", async () => {
    serveList(Array.from({ length: 14 }, (_, i) => lesson(i + 1, DONE)));
    renderPage();
    expect(await screen.findByText("Bạn đã hoàn thành tất cả bài học!")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Làm bài kiểm tra" })).toBeTruthy();
  });

  it("explains a failed load in Vietnamese, retries, and shows progress still waiting on the phone", async () => {
    lessonOutbox.record("u1", "bai-02", [[0, 12]], 12);
    let up = false;
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        if (!up) throw new TypeError("Failed to fetch");
        return json({ lessons: [lesson(1)], completedCount: 0, total: 1, allCompleted: false, rules });
      }),
    );
    renderPage();
    expect(await screen.findByText("Mất kết nối mạng. Vui lòng kiểm tra kết nối và thử lại.")).toBeTruthy();
    expect(screen.getByText("Có tiến độ xem của 1 bài chưa gửi được. Ứng dụng sẽ tự gửi khi có mạng.")).toBeTruthy();
    up = true;
    await userEvent.click(screen.getByRole("button", { name: "Thử lại" }));
    expect(await screen.findByText("Đã hoàn thành 0/1 bài học")).toBeTruthy();
  });
});
