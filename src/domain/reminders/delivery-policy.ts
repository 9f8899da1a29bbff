/**
 * Why a push was not (or not yet) sent. The first four are decided per person at send time
 * ("finished": the person completed everything between queueing and sending);
 * the waiting ones become final when the message expires before the channel allowed it.
 */
export const SKIP_REASONS = ["no_zalo_id", "no_consent", "inactive", "finished", "quiet_hours", "daily_cap", "user_daily_cap", "expired", "channel_off"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type Recipient = { zaloId: string | null; notificationsConsent: number | null; lastActiveAt: string };

/** Zalo's own rules for the mini-app channel: a Zalo id, accepted permission, used the app in the last N days. */
export function channelEligibility(r: Recipient, now: Date, activeDays: number): SkipReason | null {
  if (!r.zaloId) return "no_zalo_id";
  if (r.notificationsConsent !== 1) return "no_consent";
  if (now.getTime() - Date.parse(r.lastActiveAt) > activeDays * 86400_000) return "inactive";
  return null;
}

export type Prioritised = { id: string; userId: string; deadlineAt: string; progress: number; createdAt: string };

/** Under the cap, whoever is closest to missing a deadline and has done least goes first. */
export function comparePriority(a: Prioritised, b: Prioritised): number {
  return a.deadlineAt.localeCompare(b.deadlineAt) || a.progress - b.progress || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/**
 * Pick what goes out now from candidates already in priority order: at most `appRemaining`,
 * at most one per person per day (`sentToday` holds those who already had theirs).
 */
export function selectUnderCaps<T extends Prioritised>(
  ordered: readonly T[],
  opts: { appRemaining: number; sentToday: ReadonlySet<string> },
): { send: T[]; waitForUser: T[]; waitForCap: T[] } {
  const send: T[] = [];
  const waitForUser: T[] = [];
  const waitForCap: T[] = [];
  const taken = new Set(opts.sentToday);
  for (const c of ordered) {
    if (taken.has(c.userId)) waitForUser.push(c);
    else if (send.length >= opts.appRemaining) waitForCap.push(c);
    else {
      send.push(c);
      taken.add(c.userId);
    }
  }
  return { send, waitForUser, waitForCap };
}

/** Exponential backoff with a ceiling: 1, 2, 4, 8 … minutes, at most an hour. */
export function retryDelayMs(attempt: number, baseMs = 60_000, maxMs = 3600_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
