import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import { retryDelayMs, selectUnderCaps, type SkipReason } from "../../../domain/reminders/delivery-policy";
import type { ChannelId } from "../../../domain/reminders/reminders.config";
import { handledKey, planDueOccurrences } from "../../../domain/reminders/schedule";
import { isInSendWindow, nextDayWindowStart, vnDayKey } from "../../../domain/reminders/send-window";
import { isFinished } from "../../../domain/reminders/template";
import type { AppContext } from "../../app-context";
import { participationScope } from "../participation";
import { peopleWithProgress } from "./audience.repository";
import { expandOccurrence, resumeExpansions } from "./occurrence-expansion";
import { channelFactsOf, claimOccurrence, handledOccurrences, rulesOfMessages, usersSentToday } from "./scheduler.repository";
import { type ChannelMessage, createChannels, type ReminderChannel, type SendOutcome } from "./reminder-channels";
import {
  claimDeliveries,
  type ClaimedDelivery,
  expireDeliveries,
  loadClaimed,
  lockCandidates,
  lockQuota,
  markAllDueWaiting,
  markRejected,
  markSending,
  markSent,
  markUnknown,
  attemptsOf,
  recoverExpiredLeases,
  releaseQuota,
  setWaiting,
  skipDeliveries,
} from "./deliveries.repository";

type Ctx = Pick<AppContext, "env" | "db" | "dialect" | "caches" | "pack" | "clock">;

export type TickReport = {
  /** Occurrences handled by the scheduler (sent, superseded or late). */
  occurrences: number;
  /** New outbox messages (= inbox messages). */
  queued: number;
  sent: number;
  rejected: number;
  unknown: number;
  skipped: number;
  expired: number;
  requeued: number;
};

export type WorkerHooks = {
  /** After a push went out and before it is recorded. Tests throw here to stop the worker at the worst moment. */
  afterSend?: (deliveryId: string, outcome: SendOutcome) => void | Promise<void>;
  /** After each committed chunk of a send-out's expansion. Tests throw here to stop the worker between chunks. */
  afterChunk?: (ruleId: string, queuedSoFar: number) => void | Promise<void>;
};

const CLAIM_LEASE_MS = 10 * 60_000;
const MAX_ROUNDS_PER_TICK = 40;

/**
 * The scheduler and the outbox worker of one API process. `tick()` does one full pass:
 * expand due occurrences into the outbox (catch-up rule included), expire pushes whose moment
 * passed, recover leases of a crashed worker, then claim and send within each channel's limits.
 * Several replicas may run it at once (see docs/decisions/0005-reminder-delivery.md).
 */
export class ReminderWorker {
  readonly id: string;
  readonly channels: Map<ChannelId, ReminderChannel>;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly opts: { id?: string; channels?: Map<ChannelId, ReminderChannel>; hooks?: WorkerHooks; log?: FastifyBaseLogger; expandChunk?: number } = {},
  ) {
    this.id = opts.id ?? `worker-${randomUUID().slice(0, 8)}`;
    this.channels = opts.channels ?? createChannels(ctx.env, ctx.pack.reminders);
  }

  get running(): boolean {
    return this.timer !== null;
  }

  /** Tick every REMINDERS_TICK_SECONDS until stop(); a failing tick is logged and the next one tries again. */
  start(): void {
    if (this.timer || this.stopped) return;
    const every = this.ctx.env.REMINDERS_TICK_SECONDS * 1000;
    const loop = async () => {
      this.current = this.tick().catch((err: unknown) => this.opts.log?.error({ err }, "reminder tick failed"));
      await this.current;
      this.current = null;
      if (!this.stopped) this.timer = setTimeout(() => void loop(), every);
    };
    this.timer = setTimeout(() => void loop(), Math.min(every, 2000));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  async tick(): Promise<TickReport> {
    const report: TickReport = { occurrences: 0, queued: 0, sent: 0, rejected: 0, unknown: 0, skipped: 0, expired: 0, requeued: 0 };
    await this.schedule(report);
    report.expired = await expireDeliveries(this.ctx.db, this.ctx.clock.now());
    for (const channel of this.channels.values()) {
      if (!channel.configured) continue;
      const recovered = await recoverExpiredLeases(this.ctx.db, channel.id, this.ctx.clock.now());
      report.requeued += recovered.requeued;
      report.unknown += recovered.unknown;
      await this.deliver(channel, report);
    }
    return report;
  }

  // ── Scheduler ──────────────────────────────────────────────────────────

  private async schedule(report: TickReport): Promise<void> {
    const { db, pack } = this.ctx;
    const expansion = { channels: [...this.channels.values()], chunk: this.opts.expandChunk, afterChunk: this.opts.hooks?.afterChunk };
    const resumed = await resumeExpansions(this.ctx, expansion);
    report.occurrences += resumed.occurrences;
    report.queued += resumed.queued;
    const now = this.ctx.clock.now();
    const handledRows = await handledOccurrences(db);
    const handled = new Set(handledRows.map((r) => handledKey(r.ruleId, r.occurrence)));
    const plan = planDueOccurrences(pack.reminders.rules, pack.stages, now, handled);
    for (const p of plan) {
      // A send is claimed as "expanding" and queued in chunks (occurrence-expansion.ts); the others are recorded at once.
      const decision = p.decision === "send" ? "expanding" : p.decision;
      const row = { ruleId: p.rule.id, occurrence: p.occurrence, decision, scheduledAt: p.at.toISOString(), handledAt: now.toISOString() } as const;
      // Another replica handled it first.
      if (!(await db.transaction().execute((trx) => claimOccurrence(trx, row)))) continue;
      const queued = p.decision === "send" ? await expandOccurrence(this.ctx, p, expansion) : 0;
      report.occurrences++;
      report.queued += queued;
      this.opts.log?.info({ rule: p.rule.id, at: p.occurrence, decision: p.decision, queued }, "reminder occurrence handled");
    }
  }

  // ── Delivery ────────────────────────────────────────────────────────────

  private async deliver(channel: ReminderChannel, report: TickReport): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS_PER_TICK; round++) {
      const now = this.ctx.clock.now();
      if (!isInSendWindow(now, channel.limits.window)) {
        await markAllDueWaiting(this.ctx.db, channel.id, "quiet_hours", now);
        return;
      }
      const claim = await this.claim(channel, now);
      report.skipped += claim.skipped;
      const rejectedBefore = report.rejected;
      for (const d of claim.claimed) await this.sendOne(channel, d, report);
      // A rejection gives its slot back: the cap is not reached after all, so go round again.
      if (claim.examined === 0 || (claim.capReached && report.rejected === rejectedBefore)) return;
    }
  }

  /** One short transaction: lock today's quota, pick candidates in priority order, apply the channel's rules and caps. */
  private async claim(channel: ReminderChannel, now: Date): Promise<{ claimed: ClaimedDelivery[]; examined: number; skipped: number; capReached: boolean }> {
    const { db, dialect, env } = this.ctx;
    const day = vnDayKey(now);
    const result = await db.transaction().execute(async (trx) => {
      const used = await lockQuota(trx, dialect, channel.id, day);
      const remaining = channel.limits.dailyCap - used;
      if (remaining <= 0) {
        await markAllDueWaiting(trx, channel.id, "daily_cap", now);
        return { ids: [] as string[], examined: 0, skipped: 0, capReached: true };
      }
      const candidates = await lockCandidates(trx, dialect, channel.id, now, env.REMINDERS_BATCH_SIZE);
      if (candidates.length === 0) return { ids: [], examined: 0, skipped: 0, capReached: false };
      const userIds = [...new Set(candidates.map((c) => c.userId))];
      const users = new Map(
        (await channelFactsOf(trx, userIds)).map((u) => [u.id, u]),
      );
      const skip = new Map<SkipReason, string[]>();
      let eligible = candidates.filter((c) => {
        const u = users.get(c.userId);
        const reason: SkipReason | null = u ? channel.eligibility(u, now) : "no_zalo_id";
        if (reason) skip.set(reason, [...(skip.get(reason) ?? []), c.id]);
        return reason === null;
      });
      // "Only to people who have not finished": someone may have finished since the message was queued.
      const finished = await this.finishedSince(trx, eligible);
      if (finished.size) {
        skip.set("finished", [...(skip.get("finished") ?? []), ...finished]);
        eligible = eligible.filter((c) => !finished.has(c.id));
      }
      for (const [reason, ids] of skip) await skipDeliveries(trx, ids, reason, now);
      const eligibleUsers = [...new Set(eligible.map((c) => c.userId))];
      const sentToday = channel.limits.onePerPersonPerDay ? await usersSentToday(trx, channel.id, day, eligibleUsers) : new Set<string>();
      const picked = selectUnderCaps(eligible, { appRemaining: remaining, sentToday });
      await setWaiting(trx, picked.waitForUser.map((c) => c.id), "user_daily_cap", now, nextDayWindowStart(now, channel.limits.window));
      await setWaiting(trx, picked.waitForCap.map((c) => c.id), "daily_cap", now);
      const ids = picked.send.map((c) => c.id);
      await claimDeliveries(trx, channel.id, ids, this.id, day, new Date(now.getTime() + CLAIM_LEASE_MS), now);
      return { ids, examined: candidates.length, skipped: candidates.length - eligible.length, capReached: picked.waitForCap.length > 0 };
    });
    return { ...result, claimed: await loadClaimed(db, result.ids) };
  }

  /** Deliveries (of rules for people who have not finished, and nudges) whose person has now finished. */
  private async finishedSince(trx: Ctx["db"], candidates: readonly { id: string; outboxId: string; userId: string }[]): Promise<Set<string>> {
    if (candidates.length === 0) return new Set();
    const forUnfinished = new Set(["nudge", ...this.ctx.pack.reminders.rules.filter((r) => r.audience === "unfinished").map((r) => r.id)]);
    const outbox = await rulesOfMessages(trx, candidates.map((c) => c.outboxId));
    const ruleOf = new Map(outbox.map((o) => [o.id, o.ruleId]));
    const concerned = candidates.filter((c) => forUnfinished.has(ruleOf.get(c.outboxId) ?? ""));
    if (concerned.length === 0) return new Set();
    const people = await peopleWithProgress(trx, participationScope(this.ctx.pack), { userIds: [...new Set(concerned.map((c) => c.userId))] });
    const done = new Set(people.filter((p) => isFinished(p.progress)).map((p) => p.userId));
    return new Set(concerned.filter((c) => done.has(c.userId)).map((c) => c.id));
  }

  private async sendOne(channel: ReminderChannel, d: ClaimedDelivery, report: TickReport): Promise<void> {
    const { db, env, clock } = this.ctx;
    const started = clock.now();
    // Past this lease a crashed send is declared "unknown" by whoever recovers it.
    const lease = new Date(started.getTime() + env.REMINDERS_SEND_TIMEOUT_MS + 60_000);
    if (!(await markSending(db, d.id, this.id, lease, started))) return;
    const message: ChannelMessage = {
      deliveryId: d.id,
      user: { id: d.userId, zaloId: d.zaloId, phone: d.phone, name: d.name },
      title: d.title,
      body: d.body,
      path: d.path,
    };
    let outcome: SendOutcome;
    try {
      outcome = await channel.send(message);
    } catch (err) {
      outcome = { kind: "unknown", error: `channel threw: ${(err as Error).message}` };
    }
    await this.opts.hooks?.afterSend?.(d.id, outcome);
    const now = clock.now();
    if (outcome.kind === "sent") {
      await markSent(db, d.id, this.id, outcome.providerMessageId, outcome.response, now);
      report.sent++;
    } else if (outcome.kind === "unknown") {
      await markUnknown(db, d.id, this.id, outcome.error, now);
      report.unknown++;
      this.opts.log?.warn({ delivery: d.id, error: outcome.error }, "reminder push outcome unknown; not re-sent");
    } else {
      const attempts = await attemptsOf(db, d.id);
      const retryAt = attempts < env.REMINDERS_MAX_ATTEMPTS ? new Date(now.getTime() + retryDelayMs(attempts)) : null;
      await db.transaction().execute(async (trx) => {
        await markRejected(trx, d.id, this.id, outcome.error, retryAt, now);
        await releaseQuota(trx, channel.id, d.sentDay, 1);
      });
      report.rejected++;
      this.opts.log?.warn({ delivery: d.id, error: outcome.error, attempts, retryAt }, "reminder push rejected");
    }
  }
}
