import { vnParts, vnWallClock } from "../shared/time";

/** Minutes of the Vietnam day during which a channel may push: [start, end). */
export type SendWindow = { startMinute: number; endMinute: number };

const DAY_MS = 86400_000;

/** "06:00-22:00" → window; throws on nonsense so that a bad env stops start-up. */
export function parseSendWindow(spec: string): SendWindow {
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/.exec(spec.trim());
  if (!m) throw new Error(`Send window "${spec}" is not of the form HH:MM-HH:MM`);
  const startMinute = Number(m[1]) * 60 + Number(m[2]);
  const endMinute = Number(m[3]) * 60 + Number(m[4]);
  if (endMinute <= startMinute || endMinute > 24 * 60) throw new Error(`Send window "${spec}" must end after it starts, within one day`);
  return { startMinute, endMinute };
}

export function formatSendWindow(w: SendWindow): string {
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return `${hm(w.startMinute)}–${hm(w.endMinute)}`;
}

/** The Vietnam calendar day of an instant, "2026-06-10": Zalo's daily limits count per day. */
export function vnDayKey(at: Date): string {
  const p = vnParts(at);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

function minuteOfVnDay(at: Date): number {
  const p = vnParts(at);
  return p.hour * 60 + p.minute + p.second / 60;
}

/** Midnight (Vietnam) of the day `at` falls on. */
function vnMidnight(at: Date): Date {
  const p = vnParts(at);
  return vnWallClock(p.year, p.month, p.day);
}

export function isInSendWindow(at: Date, w: SendWindow): boolean {
  const m = minuteOfVnDay(at);
  return m >= w.startMinute && m < w.endMinute;
}

/** When the window opens on the day of `day` (Vietnam). */
export function windowStartOn(day: Date, w: SendWindow): Date {
  return new Date(vnMidnight(day).getTime() + w.startMinute * 60_000);
}

export function windowEndOn(day: Date, w: SendWindow): Date {
  return new Date(vnMidnight(day).getTime() + w.endMinute * 60_000);
}

/** The first instant ≥ `at` inside the window (`at` itself when already inside). */
export function nextSendTime(at: Date, w: SendWindow): Date {
  if (isInSendWindow(at, w)) return at;
  const todayStart = windowStartOn(at, w);
  if (at.getTime() < todayStart.getTime()) return todayStart;
  return windowStartOn(new Date(vnMidnight(at).getTime() + DAY_MS), w);
}

/** The window's opening on the next Vietnam day: where a person's second message of a day waits. */
export function nextDayWindowStart(at: Date, w: SendWindow): Date {
  return windowStartOn(new Date(vnMidnight(at).getTime() + DAY_MS), w);
}

/**
 * The send slots between `from` and `until`: one per Vietnam day whose window is still open
 * somewhere in [from, until), with the first moment a message could go out that day.
 */
export function sendDaysBetween(from: Date, until: Date, w: SendWindow): { day: string; opensAt: Date }[] {
  const days: { day: string; opensAt: Date }[] = [];
  let t = nextSendTime(from, w);
  // Bounded: the contest spans weeks, never years; the guard protects against a bad pack date.
  for (let i = 0; i < 400 && t.getTime() < until.getTime(); i++) {
    days.push({ day: vnDayKey(t), opensAt: t });
    t = nextDayWindowStart(t, w);
  }
  return days;
}
