import { sendDaysBetween, type SendWindow, vnDayKey } from "./send-window";

export type ReachInput = {
  now: Date;
  deadline: Date;
  window: SendWindow;
  dailyCap: number;
  /** Pushes already used today (they count against today's cap). */
  usedToday: number;
  /** For each person who can receive a push at all: until when (their 7-day activity runs out, or the deadline). */
  reachableUntil: readonly Date[];
};

export type ReachEstimate = { sendDays: number; capacity: number; reachable: number };

/**
 * How many people can get one push before the deadline under the caps. Each send day holds
 * `dailyCap` pushes (today only what is left); a person fits a day whose window opens before
 * they stop being reachable. Earliest-expiry-first is optimal for one push per person.
 */
export function estimateReach(input: ReachInput): ReachEstimate {
  const days = sendDaysBetween(input.now, input.deadline, input.window);
  const caps = days.map((d) => (d.day === vnDayKey(input.now) ? Math.max(0, input.dailyCap - input.usedToday) : input.dailyCap));
  const capacity = caps.reduce((a, b) => a + b, 0);
  const people = [...input.reachableUntil].map((d) => Math.min(d.getTime(), input.deadline.getTime())).sort((a, b) => a - b);
  let day = 0;
  let reachable = 0;
  for (const until of people) {
    while (day < days.length && (caps[day] ?? 0) <= 0) day++;
    if (day >= days.length) break;
    if ((days[day] as { opensAt: Date }).opensAt.getTime() < until) {
      caps[day] = (caps[day] ?? 0) - 1;
      reachable++;
    }
  }
  return { sendDays: days.length, capacity, reachable };
}
