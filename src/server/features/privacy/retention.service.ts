import { ERASED_NAME, retentionDueAt } from "../../../domain/privacy/privacy.config";
import type { RetentionReport } from "../../../domain/privacy/privacy.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import { recordAudit } from "../units/audit.repository";
import { contestEndsAt, erasePersonalData } from "./privacy.service";
import { readSetting, writeSetting } from "./privacy.repository";

type Ctx = Pick<AppContext, "db" | "pack" | "clock">;
const LAST_RUN_KEY = "retention.lastRunAt";

const count = (r: { n: number | string | bigint } | undefined) => Number(r?.n ?? 0);

/** What the retention job would anonymise now (a dry run: nothing changes). */
export async function retentionReport(ctx: Ctx): Promise<RetentionReport> {
  const { db } = ctx;
  const dueAt = retentionDueAt(contestEndsAt(ctx), ctx.pack.privacy);
  const [people, rosterEntries, claims, inboxMessages, requests, lastRun] = await Promise.all([
    db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).where("deletedAt", "is", null).executeTakeFirst(),
    db.selectFrom("rosterEntries").select((eb) => eb.fn.countAll().as("n")).where("fullName", "!=", ERASED_NAME).executeTakeFirst(),
    db
      .selectFrom("unitClaims")
      .select((eb) => eb.fn.countAll().as("n"))
      .where((eb) => eb.or([eb("note", "is not", null), eb("position", "is not", null)]))
      .executeTakeFirst(),
    db.selectFrom("reminderOutbox").select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
    db.selectFrom("privacyRequests").select((eb) => eb.fn.countAll().as("n")).where("note", "is not", null).executeTakeFirst(),
    readSetting(db, LAST_RUN_KEY),
  ]);
  return {
    dueAt,
    due: ctx.clock.now().toISOString() >= dueAt,
    dryRun: true,
    counts: { people: count(people), rosterEntries: count(rosterEntries), claims: count(claims), inboxMessages: count(inboxMessages), requests: count(requests) },
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
