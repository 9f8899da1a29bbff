import type { Db } from "../db/database";
import { touchLastActiveMany } from "../features/auth/users.repository";

/** How often a person's activity is noted (it feeds Zalo's 7-day notification rule; finer is pointless). */
export const ACTIVITY_WRITE_EVERY_MS = 10 * 60_000;
/** How often noted activity is written; a crash loses at most this much of it. */
export const ACTIVITY_FLUSH_EVERY_MS = 60_000;
const FLUSH_CHUNK = 500;

/**
 * `users.last_active_at`, kept in memory and written in the background. Not durable on purpose: it
 * only decides whether Zalo still lets us push to someone (7 days), so a crash that loses a minute
 * of it costs nothing, whereas writing it on the request path cost the deadline surge a commit
 * (an fsync on SQLite) for each person's first request of the evening, outside the group commit.
 */
export class ActivityBuffer {
  /** When each person's activity was last noted (or read from the row): one note per person per 10 minutes. */
  private readonly noted = new Map<string, number>();
  private pending = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  /** `onError`: a failed background write is logged, never silent (its notes are dropped: see above). */
  constructor(
    private readonly db: Db,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  note(userId: string, storedIso: string, now: Date): void {
    const last = this.noted.get(userId) ?? Date.parse(storedIso);
    if (now.getTime() - last <= ACTIVITY_WRITE_EVERY_MS) return;
    this.noted.set(userId, now.getTime());
    this.pending.set(userId, now.toISOString());
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch(this.onError), ACTIVITY_FLUSH_EVERY_MS);
      this.timer.unref();
    }
  }

  /** Write what was noted, in chunks (each its own short transaction, so no writer waits long behind it). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const entries = [...this.pending];
    this.pending = new Map();
    // After the previous flush, whether or not it failed (its caller reported it): one failure must not stop every later write.
    this.flushing = this.flushing.catch(() => undefined).then(async () => {
      for (let i = 0; i < entries.length; i += FLUSH_CHUNK) {
        await touchLastActiveMany(this.db, entries.slice(i, i + FLUSH_CHUNK));
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    return this.flushing;
  }
}
