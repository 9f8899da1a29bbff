import type { PlannedOccurrence } from "../../../domain/reminders/schedule";
import { occurrenceOf } from "../../../domain/reminders/schedule";
import { describeRemaining, renderTemplate } from "../../../domain/reminders/template";
import { formatVnDateTime } from "../../../domain/shared/time";
import type { Transaction } from "kysely";
import type { AppContext } from "../../app-context";
import { groupCommitterOf } from "../../db/group-commit";
import type { Database } from "../../db/schema";
import { participationScope } from "../participation";
import { type AudienceMember, resolveAudiencePage } from "./audience.repository";
import type { ReminderChannel } from "./reminder-channels";
import { enqueueMessages, type NewMessage } from "./reminders.repository";
import { addExpanded, finishExpansion, staleExpansions, touchExpansion } from "./scheduler.repository";

type Ctx = Pick<AppContext, "db" | "dialect" | "env" | "caches" | "pack" | "clock">;

/**
 * Recipients read and queued per step: a send-out of 100,000 never holds SQLite's one writer
 * (nor, better-sqlite3 being synchronous, the event loop) for long. 500 kept a writer waiting ~60 ms
 * (p50) on the loaded 2-core machine, 100 about 13 ms (bench:reminders); hence 50, and each chunk's
 * writes go through the app's group commit, so they share a commit (an fsync) with the answer saves
 * of the moment instead of adding one in front of them.
 */
export const EXPAND_CHUNK = 50;
/** An expansion whose heartbeat is older than this is taken over (its worker died between chunks). */
export const EXPANSION_LEASE_MS = 60_000;

export type ExpansionOpts = {
  channels: readonly ReminderChannel[];
  chunk?: number;
  /** After each chunk's commit. Tests throw here to stop the worker between chunks. */
  afterChunk?: (ruleId: string, queuedSoFar: number) => void | Promise<void>;
};

function messagesOf(ctx: Ctx, p: PlannedOccurrence, members: readonly AudienceMember[]): NewMessage[] {
  const stage = ctx.pack.stages.find((s) => s.id === p.rule.stage);
  return members.map((m) => {
    const vars = {
      name: m.name,
      stage: stage?.name ?? "",
      deadline: formatVnDateTime(p.deadlineAt),
      remaining: describeRemaining(m.progress),
      unitPending: String(m.unitPending ?? 0),
      unitCode: m.unitCode ?? "",
    };
    const path = renderTemplate(p.rule.path, vars);
    return {
      ruleId: p.rule.id,
      userId: m.userId,
      occurrence: p.occurrence,
      kind: "reminder" as const,
      title: renderTemplate(p.rule.title, vars),
      body: renderTemplate(p.rule.body, vars),
      path: path.includes("{") ? "/" : path,
      deadlineAt: p.deadlineAt.toISOString(),
      progress: m.share,
      senderId: null,
      expiresAt: p.expiresAt.toISOString(),
    };
  });
}

/**
 * Queue an occurrence claimed as "expanding": the audience is read a page at a time and queued
 * `chunk` recipients per transaction, each chunk adding its count and a heartbeat to the
 * occurrence row; the last step marks it "send". A chunk is all-or-nothing and the outbox's
 * unique key makes a repeat a no-op, so an expansion cut short (the process died) is simply run
 * again from the start by whoever takes it over: every inbox message exactly once (ADR 0005).
 * Returns the messages this call queued.
 */
export async function expandOccurrence(ctx: Ctx, p: PlannedOccurrence, opts: ExpansionOpts): Promise<number> {
  const { db, pack } = ctx;
  const scope = participationScope(pack);
  const stages = pack.stages.map((st) => st.id);
  const size = opts.chunk ?? EXPAND_CHUNK;
  const committer = groupCommitterOf(ctx);
  let queued = 0;
  // Read a page of the audience, queue it, repeat: neither the reads nor the writes are long.
  for (let after: string | null = ""; after !== null; ) {
    const page = await resolveAudiencePage(db, p.rule.audience, scope, stages, after, size);
    after = page.next;
    const messages = messagesOf(ctx, p, page.members);
    for (let i = 0; i < messages.length; i += size) {
      const chunk = messages.slice(i, i + size);
      const queue = async (trx: Transaction<Database>) => {
        const now = ctx.clock.now();
        const inserted = await enqueueMessages(trx, opts.channels, chunk, now);
        await addExpanded(trx, p.rule.id, p.occurrence, inserted.size, now.toISOString());
        return inserted.size;
      };
      queued += await (committer ? committer.run(queue) : db.transaction().execute(queue));
      await opts.afterChunk?.(p.rule.id, queued);
      // better-sqlite3 is synchronous: without a turn of the event loop here, requests (answer
      // saves) would not even be read until the whole send-out is queued.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  await db.transaction().execute((trx) => finishExpansion(trx, p.rule.id, p.occurrence, ctx.clock.now().toISOString()));
  return queued;
}

/** Take over and finish the expansions a dead worker left half done. Returns the occurrences finished and the messages queued. */
export async function resumeExpansions(ctx: Ctx, opts: ExpansionOpts): Promise<{ occurrences: number; queued: number }> {
  const now = ctx.clock.now();
  const stale = await staleExpansions(ctx.db, new Date(now.getTime() - EXPANSION_LEASE_MS).toISOString());
  const out = { occurrences: 0, queued: 0 };
  for (const row of stale) {
    // Only one worker takes it over: the one whose update still saw the old heartbeat.
    if (!(await ctx.db.transaction().execute((trx) => touchExpansion(trx, row.ruleId, row.occurrence, row.handledAt, now.toISOString())))) continue;
    const rule = ctx.pack.reminders.rules.find((r) => r.id === row.ruleId);
    const occ = rule ? occurrenceOf(rule, ctx.pack.stages) : null;
    if (!occ) {
      // The rule left the pack meanwhile: what was queued stays; nothing more is sent.
      await ctx.db.transaction().execute((trx) => finishExpansion(trx, row.ruleId, row.occurrence, now.toISOString()));
    } else {
      out.queued += await expandOccurrence(ctx, { ...occ, at: new Date(row.scheduledAt), occurrence: row.occurrence, decision: "send" }, opts);
    }
    out.occurrences++;
  }
  return out;
}
