import { randomBytes } from "node:crypto";
import { drawOrder, type FinalResult, finalResults, revealedRanks } from "../../../domain/jury/final";
import type { PresenterResponse } from "../../../domain/jury/jury.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import type { UserRow } from "../auth";
import { juryAudit } from "./jury-audit";
import { ensureRound, findRound, qualifiedUnits, submittedEntries } from "./jury.repository";
import { round1Snapshot, roundMarks, unitNameOf } from "./results.service";

type Ctx = Pick<AppContext, "db" | "pack" | "clock">;

/** Stage-2 entry titles by unit: what the hall and the honour page show. */
async function titlesByUnit(ctx: Ctx) {
  const entries = await submittedEntries(ctx.db, "stage2");
  return new Map(entries.map((e) => [e.unitCode, { title: e.title, summary: e.summary, entryId: e.entryId, entryCode: e.entryCode }]));
}

/** The server draws the presentation order once, with a published seed anyone can replay. */
export async function drawFinalOrder(ctx: Ctx, actor: UserRow) {
  const finalists = await qualifiedUnits(ctx.db, ctx.pack.entries.rounds, "stage3");
  if (!finalists.length) throw new AppError(409, "ROUND_INCOMPLETE", "Confirm the finalists first");
  const now = ctx.clock.now();
  const round = await ensureRound(ctx.db, "stage3", now);
  if (round.orderSeed) throw new AppError(409, "RESULT_FROZEN", "The order is already drawn");
  const seed = randomBytes(16).toString("hex");
  const order = drawOrder(finalists, seed);
  const res = await ctx.db.updateTable("juryRounds").set({ orderSeed: seed, orderJson: JSON.stringify(order), updatedAt: now.toISOString() }).where("roundId", "=", "stage3").where("orderSeed", "is", null).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, "RESULT_FROZEN", "The order is already drawn");
  await juryAudit(ctx.db, actor.id, "jury.final.draw", "stage3", { seed, order }, now);
}

/** Put the finalist at this position of the drawn order on stage, with a countdown. */
export async function presentNow(ctx: Ctx, actor: UserRow, position: number, minutes: number) {
  const round = await findRound(ctx.db, "stage3");
  const order = round?.orderJson ? (JSON.parse(round.orderJson) as string[]) : [];
  const unitCode = order[position - 1];
  if (!unitCode) throw new AppError(400, "VALIDATION_FAILED", "No such position", { position: "Không có vị trí này trong thứ tự trình bày." });
  const now = ctx.clock.now();
  const ends = new Date(now.getTime() + minutes * 60_000).toISOString();
  await ctx.db.updateTable("juryRounds").set({ currentEntry: unitCode, countdownEndsAt: ends, updatedAt: now.toISOString() }).where("roundId", "=", "stage3").execute();
  await juryAudit(ctx.db, actor.id, "jury.final.present", "stage3", { unitCode, minutes }, now);
}

/** The final ranking from the finalists' Stage-3 sheets (trimmed mean, pack setting). */
export async function finalRanking(ctx: Ctx): Promise<(FinalResult & { unitCode: string })[]> {
  const [{ marks, entries }, r1] = await Promise.all([roundMarks(ctx, "stage3"), round1Snapshot(ctx)]);
  const r1Rank = new Map((r1?.results ?? []).map((r) => [r.unitCode, r.rank]));
  const unitOf = new Map(entries.map((e) => [e.entryId, e.unitCode]));
  const finalists = entries.map((e) => ({ entryId: e.entryId, entryCode: e.entryCode, round1Rank: r1Rank.get(e.unitCode) ?? 999 }));
  return finalResults(marks, finalists, ctx.pack.jury.trimmedMean).map((r) => ({ ...r, unitCode: unitOf.get(r.entryId) as string }));
}

/** Reveal the next place, from last to first; needs the final's scoring closed. */
export async function revealNext(ctx: Ctx, actor: UserRow) {
  const round = await findRound(ctx.db, "stage3");
  if (!round?.closedAt) throw new AppError(409, "ROUND_INCOMPLETE", "Close the final's scoring first");
  const ranking = await finalRanking(ctx);
  if (round.revealed >= ranking.length) return;
  const now = ctx.clock.now();
  const res = await ctx.db
    .updateTable("juryRounds")
    .set({ revealed: round.revealed + 1, currentEntry: null, countdownEndsAt: null, updatedAt: now.toISOString() })
    .where("roundId", "=", "stage3")
    .where("revealed", "=", round.revealed)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return;
  const shown = ranking[ranking.length - round.revealed - 1];
  await juryAudit(ctx.db, actor.id, "jury.final.reveal", "stage3", { rank: shown?.rank, unitCode: shown?.unitCode, trimmedMean: shown?.trimmedMean }, now);
}

/** What the hall's projector shows: public, and only what has been announced. */
export async function presenterView(ctx: Ctx): Promise<PresenterResponse> {
  const round = await findRound(ctx.db, "stage3");
  const order = round?.orderJson ? (JSON.parse(round.orderJson) as string[]) : [];
  const titles = await titlesByUnit(ctx);
  const ranking = round?.revealed ? await finalRanking(ctx) : [];
  const shown = new Set(revealedRanks(ranking.length, round?.revealed ?? 0));
  const cur = round?.currentEntry;
  return {
    order: order.map((u, i) => ({ position: i + 1, entryId: titles.get(u)?.entryId ?? u, entryCode: titles.get(u)?.entryCode ?? "", unitName: unitNameOf(ctx, u), title: titles.get(u)?.title ?? "" })),
    seed: round?.orderSeed ?? null,
    current: cur ? { entryId: titles.get(cur)?.entryId ?? cur, unitName: unitNameOf(ctx, cur), title: titles.get(cur)?.title ?? "", countdownEndsAt: round?.countdownEndsAt ?? null } : null,
    serverNow: ctx.clock.now().toISOString(),
    revealed: ranking
      .filter((r) => shown.has(r.rank))
      .sort((a, b) => b.rank - a.rank)
      .map((r) => ({ rank: r.rank, entryId: r.entryId, unitName: unitNameOf(ctx, r.unitCode), title: titles.get(r.unitCode)?.title ?? "", trimmedMean: r.trimmedMean })),
    total: order.length,
  };
}

export { titlesByUnit };
