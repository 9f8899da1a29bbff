/** The contest runs on Vietnam time (UTC+7, no daylight saving). */
export const VN_TIME_ZONE = "Asia/Ho_Chi_Minh";
const VN_OFFSET_MS = 7 * 3600_000;

/** Parts of an instant as seen on a wall clock in Vietnam. */
export function vnParts(at: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number } {
  const d = new Date(at.getTime() + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "10/06/2026" */
export function formatVnDate(at: Date | string): string {
  const p = vnParts(new Date(at));
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** "23:59 10/06/2026" */
export function formatVnDateTime(at: Date | string): string {
  const p = vnParts(new Date(at));
  return `${pad(p.hour)}:${pad(p.minute)} ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** The instant of a Vietnam wall-clock time. */
export function vnWallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - VN_OFFSET_MS);
}

/** "2 ngày 03:04:05" style countdown; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const clock = `${pad(h)}:${pad(m)}:${pad(s)}`;
  return days > 0 ? `${days} ngày ${clock}` : clock;
}
