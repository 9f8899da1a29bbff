/**
 * Starts a batch one event-loop turn after work arrives, with at most `parallel` batches in flight:
 * requests that already arrived get parsed, authenticated and queued first, so they share the
 * batch (the group committer's commit, the save batcher's statement). Each batch's end starts the next.
 */
export class TurnScheduler {
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly parallel: number,
    private readonly hasWork: () => boolean,
    private readonly runBatch: () => Promise<void>,
  ) {}

  kick(): void {
    if (this.scheduled || this.inFlight >= this.parallel || !this.hasWork()) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.inFlight >= this.parallel || !this.hasWork()) return;
      this.inFlight++;
      void this.runBatch().finally(() => {
        this.inFlight--;
        this.kick();
      });
      this.kick();
    });
  }
}
