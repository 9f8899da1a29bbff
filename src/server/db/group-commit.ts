import type { Transaction } from "kysely";
import type { Env } from "../config/env";
import { AppError } from "../shared/app-error";
import type { Db, Dialect } from "./database";
import type { Database } from "./schema";
import { TurnScheduler } from "./turn-scheduler";

type Op<T> = (trx: Transaction<Database>) => Promise<T>;
type Pending = { run: Op<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit (one committer per app; on SQLite answer saves, lesson progress reports and
 * reminder send-outs share it, on PostgreSQL send-outs only — saves there are one statement per
 * batch, ADR 0010):
 * operations that arrive while a commit is in progress run together in the next transaction, so
 * one commit — one WAL flush on SQLite or PostgreSQL — covers the whole batch. Every caller is
 * answered only after that commit; on SQLite the response also waits for the WAL flush (the
 * `onSend` hook in app.ts, ADR 0009), so an acknowledgement still means "on disk". SQLite has one
 * writer: one batch at a time. PostgreSQL runs a few batches at once on its pool, each a smaller
 * one (every statement of a batch is a round trip in turn).
 *
 * An operation may throw an AppError only before it writes (checks first, write last): such an
 * error fails that operation alone. Any other error (on PostgreSQL also a deadlock between two
 * batches) rolls the batch back; its operations are then run again one transaction each, so only
 * the one at fault fails.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  /** Transactions committed so far (each answered every operation in it). */
  commits = 0;
  private readonly turns: TurnScheduler;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 256,
    parallel = 1,
  ) {
    this.turns = new TurnScheduler(
      parallel,
      () => this.queue.length > 0,
      () => this.commitBatch(this.queue.splice(0, this.maxBatch)),
    );
  }

  run<T>(op: Op<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: op as Op<unknown>, resolve: resolve as (v: unknown) => void, reject });
      this.turns.kick();
    });
  }

  private async commitBatch(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await this.transaction(batch);
      batch.forEach((item, i) => settle(item, outcomes[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // Alone, each operation either commits or fails by itself.
      for (const item of batch) {
        try {
          settle(item, (await this.transaction([item]))[0]!);
        } catch (alone) {
          item.reject(alone);
        }
      }
    }
  }

  private async transaction(batch: Pending[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
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
    return outcomes;
  }
}

function settle(item: Pending, o: Outcome): void {
  if (o.ok) item.resolve(o.value);
  else item.reject(o.error);
}

/** Per app (on its context): the one group committer, made on first use. */
export type GroupCommitCache = { committer: GroupCommitter | null };
export const createGroupCommitCache = (): GroupCommitCache => ({ committer: null });

/** PostgreSQL: batches in flight at once (of the pool's 20 connections) and their size. */
const PG_PARALLEL = 4;
const PG_MAX_BATCH = 64;

/** The app's committer, or null when each write commits on its own (QUIZ_GROUP_COMMIT=0; the flag predates sharing, it covers every user). */
export function groupCommitterOf(ctx: { db: Db; dialect: Dialect; env: Pick<Env, "QUIZ_GROUP_COMMIT">; caches: { groupCommit: GroupCommitCache } }): GroupCommitter | null {
  if (!ctx.env.QUIZ_GROUP_COMMIT) return null;
  return (ctx.caches.groupCommit.committer ??= ctx.dialect === "sqlite" ? new GroupCommitter(ctx.db) : new GroupCommitter(ctx.db, PG_MAX_BATCH, PG_PARALLEL));
}
