/** What bench:surge's takers share (surge-taker.ts): the targets, the figures and the errors seen. */

/** "backlog": the outbox's waiting answers in one request (POST …/answers), as the app replays them. */
export type Kind = "status" | "start" | "paper" | "save" | "backlog" | "submit";
export const KINDS: Kind[] = ["status", "start", "paper", "save", "backlog", "submit"];
export type Finish = "submit" | "last-second" | "sweeper";

/** The API replicas the takers talk to, and when each was down (connection failures then are expected). */
export type Target = { baseUrl: string; downFrom: number | null; downTo: number | null };

/** Everything the takers share: targets, figures, and the errors seen. */
export class SurgeState {
  readonly latencies: Record<Kind, number[]> = { status: [], start: [], paper: [], save: [], backlog: [], submit: [] };
  /** Date.now() at which each acknowledged save was sent, parallel to latencies.save. */
  readonly saveSentAt: number[] = [];
  /** The same for backlog requests, and how many answers each carried. */
  readonly backlogSentAt: number[] = [];
  readonly backlogAnswers: number[] = [];
  expectedConnFailures = 0;
  readonly unexpected = new Map<string, number>();
  readonly examples: string[] = [];
  lostToOffline = 0;
  lateRefused = 0;
  staleRefused = 0;
  staleApplied = 0;
  readonly gapsMs: number[] = [];
  started = 0;
  finished = 0;
  openSockets = 0;
  peakSockets = 0;

  /** `throughProxy`: every phone talks to one proxy in front of all the targets, so any target down explains a failure. */
  constructor(readonly targets: Target[], readonly deadlineAt: number, readonly graceMs: number, readonly throughProxy = false) {}

  unexpectedError(what: string, detail: string): void {
    this.unexpected.set(what, (this.unexpected.get(what) ?? 0) + 1);
    if (this.examples.length < 8) this.examples.push(`${what}: ${detail.slice(0, 160)}`);
  }

  isDown(replica: number, at: number): boolean {
    // A second after the restart is still "during the restart": requests sent just before it was listening.
    const down = (t: Target) => t.downFrom !== null && at >= t.downFrom && (t.downTo === null || at <= t.downTo + 1000);
    return this.throughProxy ? this.targets.some(down) : down(this.targets[replica]!);
  }
}
