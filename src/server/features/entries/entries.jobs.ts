import type { FastifyBaseLogger } from "fastify";
import type { Ctx } from "./entries-access";
import { sendInvitations } from "./entries-inbox";
import { referencedKeys } from "./entries.repository";

/** Objects younger than this may belong to an upload still being recorded. */
export const ORPHAN_GRACE_MS = 60 * 60_000;

/**
 * Delete stored objects no row points at (an upload interrupted between the store and the
 * database, a failed blind copy), once they are older than the grace period.
 */
export async function sweepOrphans(ctx: Ctx, now = ctx.clock.now()): Promise<number> {
  const keep = await referencedKeys(ctx.db);
  let removed = 0;
  for await (const o of ctx.files.list("entries/")) {
    if (keep.has(o.key) || now.getTime() - o.lastModified.getTime() < ORPHAN_GRACE_MS) continue;
    await ctx.files.delete(o.key);
    removed++;
  }
  return removed;
}

/** Invitations for confirmed qualifiers of open rounds, and the orphan sweep. */
export async function entriesTick(ctx: Ctx, log: FastifyBaseLogger, sweep: boolean): Promise<void> {
  const now = ctx.clock.now().getTime();
  for (const round of ctx.pack.entries.rounds) {
    if (now > Date.parse(round.closes)) continue;
    const r = await sendInvitations(ctx, round);
    if (r.queued) log.info({ round: round.id, queued: r.queued }, "entries: invitations queued");
  }
  if (sweep) {
    const n = await sweepOrphans(ctx);
    if (n) log.info({ removed: n }, "entries: orphan files swept");
  }
}

export function startEntriesJobs(ctx: Ctx, log: FastifyBaseLogger, everyMs = 60_000): () => void {
  let ticks = 0;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    entriesTick(ctx, log, ticks++ % 60 === 0)
      .catch((err: unknown) => log.error({ err }, "entries: job failed"))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
