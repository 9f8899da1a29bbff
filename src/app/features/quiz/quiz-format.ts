import type { AttemptStatus, QuizLockReason, QuizStatusResponse } from "../../../domain/quiz/quiz.schema";
import { formatVnDateTime } from "../../../domain/shared/time";

/** 86.67 → "86,67" (Vietnamese decimal comma). */
export function formatScore(score: number): string {
  return score.toLocaleString("vi-VN", { maximumFractionDigits: 2 });
}

/** 750 → "12 phút 30 giây". */
export function formatDuration(totalSec: number): string {
  const m = Math.floor(totalSec / 60);
  const s = totalSec % 60;
  if (m === 0) return `${s} giây`;
  return s === 0 ? `${m} phút` : `${m} phút ${s} giây`;
}

/** Remaining time on the test clock: "29:05", or "1:02:03" past an hour. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(h ? 2 : 1, "0")}:${String(s).padStart(2, "0")}`;
  return h ? `${h}:${mmss}` : mmss;
}

export const STATUS_TEXT: Record<AttemptStatus, string> = {
  active: "Đang làm",
  submitted: "Đã nộp",
  expired: "Tự động nộp khi hết giờ",
  void: "Bị hủy kết quả",
};

export const COUNTED_TEXT: Record<QuizStatusResponse["rules"]["countedAttempt"], string> = {
  best: "tính lượt có điểm cao nhất",
  first: "tính lượt làm đầu tiên",
  last: "tính lượt làm gần nhất",
};

/** Why the test cannot be started, in words a person acts on. */
export function lockReasonText(reason: QuizLockReason, s: QuizStatusResponse): string {
  switch (reason) {
    case "lessons_incomplete":
      return `Bạn cần hoàn thành đủ ${s.lessons.total} bài học trước khi làm bài (đã xong ${s.lessons.completed}/${s.lessons.total}).`;
    case "stage_not_open":
      return `Giai đoạn 1 chưa bắt đầu. Bài kiểm tra mở từ ${formatVnDateTime(s.stage.opensAt)}.`;
    case "stage_closed":
      return `Giai đoạn 1 đã kết thúc lúc ${formatVnDateTime(s.stage.closesAt)}.`;
    case "no_attempts_left":
      return `Bạn đã dùng hết ${s.rules.attemptsAllowed} lượt làm bài.`;
    case "cooldown":
      return s.nextAttemptAt ? `Lượt tiếp theo mở lúc ${formatVnDateTime(s.nextAttemptAt)}.` : "Bạn cần chờ thêm trước khi làm lượt tiếp theo.";
  }
}

export const LETTERS = ["A", "B", "C", "D", "E", "F"];
