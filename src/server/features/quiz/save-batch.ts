import type { Db } from "../../db/database";
import { TurnScheduler } from "../../db/turn-scheduler";
import { type FastSave, fastSaveManyPg } from "./quiz.repository";

type Pending = { save: FastSave; resolve: (written: boolean) => void };

/**
 * PostgreSQL's answer saves at the deadline (ADR 0010): the fast saves that arrive together go to
 * the database as one statement, committed on its own, instead of a transaction of one statement
 * per save. A batch of 64 round trips held its row locks for as long as the event loop took to
 * come round 64 times; under the surge, batches waited on each other's locks for seconds.
 * A save the statement did not write (closed, not mine, an older seq…) resolves false and the
 * caller works out why in a transaction of its own. A failed statement wrote nothing (it is one
 * statement): all its saves resolve false and take that slower path.
 */
export class SaveBatcher {
  private queue: Pending[] = [];
  /** Statements run so far (for tests and benches). */
  statements = 0;
  private readonly turns: TurnScheduler;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 256,
    parallel = 4,
  ) {
    this.turns = new TurnScheduler(
      parallel,
      () => this.queue.length > 0,
      () => this.write(this.take()),
    );
  }

  /** Resolves true when the save is written and committed. */
  run(save: FastSave): Promise<boolean> {
    return new Promise((resolve) => {
      this.queue.push({ save, resolve });
      this.turns.kick();
    });
  }

  /** Up to maxBatch saves with distinct (attempt, question); a repeat waits for the next statement. */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const keys = new Set<string>();
    for (const p of this.queue) {
      const key = keyOf(p.save);
      if (batch.length < this.maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(p);
      } else rest.push(p);
    }
    this.queue = rest;
    return batch;
  }

  private async write(batch: Pending[]): Promise<void> {
    let written: Set<string>;
    try {
      written = await fastSaveManyPg(this.db, batch.map((p) => p.save));
      this.statements++;
    } catch {
      written = new Set();
    }
    for (const p of batch) p.resolve(written.has(keyOf(p.save)));
  }
}

const keyOf = (s: FastSave) => `${s.attemptId} ${s.questionId}`;
