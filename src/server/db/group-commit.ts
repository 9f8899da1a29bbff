import type { Transaction } from "kysely";
import type { Env } from "../config/env";
import { AppError } from "../shared/app-error";
import type { Db, Dialect } from "./database";
import type { Database } from "./schema";

type Op<T> = (trx: Transaction<Database>) => Promise<T>;
type Pending = { run: Op<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };

/**
 * Group commit for SQLite (shared by answer saves and lesson progress reports: one committer per app): operations that arrive while a commit is in progress are run together
 * in the next transaction, so one fsync (synchronous=FULL) covers the whole batch. Every caller
 * is answered only after that commit, so an acknowledgement still means "on disk".
 *
 * An operation may throw an AppError only before it writes (checks first, write last): such an
 * error fails that operation alone. Any other error rolls back the batch and fails all of it,
 * and the phones retry from their outbox.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  /** Transactions committed so far (each answered every operation in it). */
  commits = 0;
  private busy = false;
  private scheduled = false;

  constructor(private readonly db: Db, private readonly maxBatch = 256) {}

  run<T>(op: Op<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: op as Op<unknown>, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /**
   * Start the next batch one event-loop turn later: requests that already arrived get parsed,
   * authenticated and queued first, so they share the commit instead of each paying an fsync.
   */
  private schedule(): void {
    if (this.scheduled || this.busy || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.commitBatch();
    });
  }

  private async commitBatch(): Promise<void> {
    this.busy = true;
    const batch = this.queue.splice(0, this.maxBatch);
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: await item.run(trx) });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            outcomes.push({ ok: false, error });
          }
        }
      });
      this.commits++;
      batch.forEach((item, i) => {
        const o = outcomes[i]!;
        if (o.ok) item.resolve(o.value);
        else item.reject(o.error);
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
    } finally {
      this.busy = false;
      this.schedule();
    }
  }
}

/** Per app (on its context): the one SQLite group committer, made on first use. */
export type GroupCommitCache = { committer: GroupCommitter | null };
export const createGroupCommitCache = (): GroupCommitCache => ({ committer: null });

/**
 * The app's committer, or null when each write commits on its own: PostgreSQL (its commits run in
 * parallel on a pool), or QUIZ_GROUP_COMMIT=0 (the flag predates sharing; it covers every user).
 */
export function groupCommitterOf(ctx: { db: Db; dialect: Dialect; env: Pick<Env, "QUIZ_GROUP_COMMIT">; caches: { groupCommit: GroupCommitCache } }): GroupCommitter | null {
  if (ctx.dialect !== "sqlite" || !ctx.env.QUIZ_GROUP_COMMIT) return null;
  return (ctx.caches.groupCommit.committer ??= new GroupCommitter(ctx.db));
}
