import { retentionDueAt } from "../../../domain/privacy/privacy.config";
import type { RetentionReport } from "../../../domain/privacy/privacy.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import { recordAudit } from "../../shared/audit";
import { contestEndsAt, erasePersonalData } from "./privacy.service";
import { readSetting, retentionCounts, writeSetting } from "./privacy.repository";

type Ctx = Pick<AppContext, "db" | "pack" | "clock">;
const LAST_RUN_KEY = "retention.lastRunAt";

/** What the retention job would anonymise now (a dry run: nothing changes). */
export async function retentionReport(ctx: Ctx): Promise<RetentionReport> {
  const { db } = ctx;
  const dueAt = retentionDueAt(contestEndsAt(ctx), ctx.pack.privacy);
  const [counts, lastRun] = await Promise.all([retentionCounts(db), readSetting(db, LAST_RUN_KEY)]);
  return {
    dueAt,
    due: ctx.clock.now().toISOString() >= dueAt,
    dryRun: true,
    counts,
    lastRunAt: lastRun?.value ?? null,
  };
}

/**
 * Anonymise everyone's personal data once the retention period after the contest has passed.
 * Refuses before then. Progress, attempts and frozen snapshots stay as they are.
 */
export async function runRetention(ctx: Ctx, actorId: string | null): Promise<RetentionReport> {
  const before = await retentionReport(ctx);
  if (!before.due) throw new AppError(409, "RETENTION_NOT_DUE", `Personal data is kept until ${before.dueAt}`);
  const now = ctx.clock.now();
  const erased = await erasePersonalData(ctx.db, { all: true }, now);
  await writeSetting(ctx.db, LAST_RUN_KEY, now.toISOString(), actorId, now);
  await recordAudit(ctx.db, { actorId, action: "privacy.retention", subject: "all", details: { dueAt: before.dueAt, counts: before.counts, erased } }, now);
  return { ...before, dryRun: false, lastRunAt: now.toISOString() };
}

export type RetentionLog = { info(obj: object, msg: string): void; error(obj: object, msg: string): void };

/** Checks hourly (and at start) whether retention is due, and runs it when there is anything left to anonymise. */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  constructor(
    private readonly ctx: Ctx,
    private readonly log: RetentionLog,
    private readonly everyMs = 3600_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One check; returns whether it anonymised anything. */
  async tick(): Promise<boolean> {
    if (this.running) return false;
    let ran = false;
    this.running = (async () => {
      try {
        const report = await retentionReport(this.ctx);
        const left = Object.values(report.counts).some((n) => n > 0);
        if (report.due && left) {
          const done = await runRetention(this.ctx, null);
          this.log.info({ counts: done.counts }, "retention: personal data anonymised");
          ran = true;
        }
      } catch (err) {
        this.log.error({ err }, "retention check failed");
      }
    })();
    await this.running;
    this.running = null;
    return ran;
  }
}
