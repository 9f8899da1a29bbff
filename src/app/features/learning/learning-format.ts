import type { LessonSummary } from "../../../domain/learning/learning.schema";

/** "0:07", "4:05", "1:02:03" */
export function formatClock(totalSec: number): string {
  const s = Math.max(0, Math.floor(totalSec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** "44 giây", "5 phút", "6 phút 30 giây" */
export function formatDuration(totalSec: number): string {
  const s = Math.round(totalSec);
  if (s < 60) return `${s} giây`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `${m} phút ${rest} giây` : `${m} phút`;
}

/** "1,25×" — Vietnamese decimal comma. */
export function formatRate(rate: number): string {
  return `${String(rate).replace(".", ",")}×`;
}

export const percent = (share: number) => Math.floor(Math.min(1, Math.max(0, share)) * 100);

export function statusLabel(l: Pick<LessonSummary, "status" | "coverage" | "locked">): string {
  if (l.status === "completed") return "Đã hoàn thành";
  if (l.locked) return "Cần học xong bài trước";
  if (l.status === "in_progress") return `Đang học ${percent(l.coverage)}%`;
  return "Chưa học";
}
