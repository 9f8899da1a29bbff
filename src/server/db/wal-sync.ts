import { closeSync, fdatasync, openSync } from "node:fs";

/**
 * Durability for SQLite without blocking the API's only thread (ADR 0009). The connection runs WAL
 * with synchronous=NORMAL: a commit writes its frames to the WAL (the OS has them: a kill -9 loses
 * nothing) but does not fsync. Before anything is acknowledged, `durable()` waits for an
 * fdatasync of the WAL on libuv's thread pool that began after the caller's commit, so an
 * acknowledgement still means "on disk" (as with synchronous=FULL) while the thread serves others.
 * One flush serves every caller waiting at the time; the WAL is append-only between checkpoints and
 * its frames are checksummed in a chain, so a flush also covers every earlier commit.
 */
export class WalSync {
  /** Commits so far (the statement wrapper counts them: sqlite-statement-cache.ts). */
  private written = 0;
  /** Commits known to be on disk. */
  private synced = 0;
  private current: { covers: number; done: Promise<void> } | null = null;
  private waiting: Promise<void> | null = null;
  private fd: number | null = null;
  /** fdatasync calls made (tests and benches read it). */
  flushes = 0;

  constructor(private readonly walPath: string) {}

  /** A transaction committed (or a write outside one), its frames written to the WAL. */
  committed(): void {
    this.written++;
  }

  /** Resolves once every commit made before this call is on disk. */
  durable(): Promise<void> {
    const need = this.written;
    if (this.synced >= need) return Promise.resolve();
    if (this.current && this.current.covers >= need) return this.current.done;
    if (!this.current) return this.flush();
    // The flush in progress began before this commit: wait for the next one, shared by all who ask meanwhile.
    return (this.waiting ??= this.current.done.then(
      () => this.next(),
      () => this.next(),
    ));
  }

  private next(): Promise<void> {
    this.waiting = null;
    return this.durable();
  }

  private flush(): Promise<void> {
    const covers = this.written;
    try {
      this.fd ??= openSync(this.walPath, "r");
    } catch (err) {
      return Promise.reject(err);
    }
    const fd = this.fd;
    const done = new Promise<void>((resolve, reject) => {
      this.flushes++;
      fdatasync(fd, (err) => {
        this.current = null;
        if (err) return reject(err);
        this.synced = Math.max(this.synced, covers);
        resolve();
      });
    });
    this.current = { covers, done };
    // A failed flush fails its callers (nothing is acknowledged); the next call tries again.
    done.catch(() => undefined);
    return done;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
