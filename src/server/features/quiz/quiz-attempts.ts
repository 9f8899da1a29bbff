import { participationStage } from "../../../domain/contest/participation";
import type { Stage } from "../../../domain/contest/contest.schema";
import { reviewOpensAt } from "../../../domain/quiz/eligibility";
import type { BankQuestion } from "../../../domain/quiz/question.schema";
import type { AttemptResult, AttemptSummary, UnitRank } from "../../../domain/quiz/quiz.schema";
import { scorePaper, secondsBetween } from "../../../domain/quiz/scoring";
import type { Transaction } from "kysely";
import type { AppContext } from "../../app-context";
import { groupCommitterOf } from "../../db/group-commit";
import type { Database } from "../../db/schema";
import type { UserRow } from "../auth";
import { AppError } from "../../shared/app-error";
import { participationScope, progressOf } from "../participation";
import { publishedBank, type LoadedBank } from "./bank.service";
import { claimOverdueActive, closeAttemptRow, findAttempt, findAttemptLocked, listAnswers, listPaper } from "./quiz.repository";
import type { QuizAttemptRow } from "./quiz.table";
import type { SaveBatcher } from "./save-batch";
import { noteClosed, rankInUnit, type RankCache } from "./unit-rank";


/** The attempt core shared by the quiz service: caches, stage, summaries, closing and scoring an attempt. */
export type Ctx = Pick<AppContext, "db" | "dialect" | "pack" | "clock" | "env" | "caches">;

/**
 * Per app (on its context): the published bank (bank.service.ts), the counted scores of units asked
 * about (unit-rank.ts), and on PostgreSQL the batcher of answer saves (save-batch.ts), made on first use.
 */
export type QuizCache = { published: LoadedBank | null; ranks: RankCache; saves: SaveBatcher | null };
export const createQuizCache = (): QuizCache => ({ published: null, ranks: new Map(), saves: null });

/** Every question of every bank version by id: a paper drawn from an older version still finds its texts. */
export async function bankOf(ctx: Ctx): Promise<Map<string, BankQuestion>> {
  return (await publishedBank(ctx)).byId;
}

/** The stage in which the test is taken (Stage 1: the pack's first). */
export const stage1 = (ctx: Ctx): Stage => participationStage(ctx.pack.stages);

/** Lessons this person has completed, by the one participation rule (participation feature). */
export async function countLessonsCompleted(ctx: Ctx, userId: string): Promise<number> {
  const progress = await progressOf(ctx.db, participationScope(ctx.pack), { userIds: [userId] });
  return progress.get(userId)?.lessonsDone ?? 0;
}

export const graceMs = (ctx: Ctx) => ctx.pack.quiz.graceSeconds * 1000;
/** Saves are accepted until dueAt plus the grace window; after that the attempt is over. */
export const isOverdue = (ctx: Ctx, row: Pick<QuizAttemptRow, "status" | "dueAt">, now: Date) =>
  row.status === "active" && now.getTime() > Date.parse(row.dueAt) + graceMs(ctx);

export const attemptNotFound = () => new AppError(404, "ATTEMPT_NOT_FOUND", "Attempt not found");

export function toSummary(ctx: Ctx, row: QuizAttemptRow, answeredCount: number): AttemptSummary {
  return {
    id: row.id,
    number: row.attemptNo,
    status: row.status,
    startedAt: row.startedAt,
    dueAt: row.dueAt,
    finishedAt: row.finishedAt,
    questionCount: row.questionCount,
    answeredCount,
    score: row.score === null ? null : Number(row.score),
    correctCount: row.correctCount,
    timeUsedSec: row.finishedAt ? secondsBetween(row.startedAt, row.finishedAt) : null,
    reviewOpensAt: reviewOpensAt(ctx.pack.quiz.review, row.finishedAt, stage1(ctx).closesAt),
  };
}

/** Load an attempt the caller owns. Someone else's attempt is "not found": its existence is not revealed. */
export async function ownAttempt(ctx: Ctx, user: UserRow, id: string): Promise<QuizAttemptRow> {
  const row = await findAttempt(ctx.db, id);
  if (!row || row.userId !== user.id) throw attemptNotFound();
  return settleIfOverdue(ctx, row);
}

/**
 * Close an active attempt from its saved answers. `expired` (nobody submitted) is stamped at
 * dueAt; a submit is stamped now, or dueAt if it came in the grace window. Safe to call
 * concurrently: the row is locked (PostgreSQL) or transactions are serial (SQLite), and only an
 * active attempt is ever scored, so a double submit scores once.
 */
export async function closeAttempt(ctx: Ctx, id: string, how: "submitted" | "expired"): Promise<QuizAttemptRow> {
  const close = async (trx: Transaction<Database>) => {
    const row = await findAttemptLocked(trx, ctx.dialect, id, "update");
    if (!row) throw attemptNotFound();
    return row.status === "active" ? { row: await closeLocked(ctx, trx, row, how), justClosed: true } : { row, justClosed: false };
  };
  // SQLite: the last-second submits share the answer saves' commits (one fsync) rather than each
  // paying its own. PostgreSQL: its own transaction (a close's row lock inside a shared batch
  // would make batches wait on each other).
  const committer = ctx.dialect === "sqlite" ? groupCommitterOf(ctx) : null;
  const closed = await (committer ? committer.run(close) : ctx.db.transaction().execute(close));
  if (closed.justClosed) await noteClosed(ctx, closed.row.userId);
  return closed.row;
}

/** Score and close an active attempt whose row the transaction holds (locked on PostgreSQL). */
async function closeLocked(ctx: Ctx, trx: Transaction<Database>, row: QuizAttemptRow, how: "submitted" | "expired"): Promise<QuizAttemptRow> {
  const paper = await listPaper(trx, row.id);
  const answers = await listAnswers(trx, row.id);
  const s = scorePaper(
    paper.map((p) => ({ questionId: p.questionId, correctOptionId: p.correctOptionId })),
    new Map(answers.map((a) => [a.questionId, a.optionId])),
  );
  const now = ctx.clock.now().toISOString();
  const finishedAt = how === "expired" || now > row.dueAt ? row.dueAt : now;
  const values = { status: how, finishedAt, score: s.score, correctCount: s.correctCount };
  if (!(await closeAttemptRow(trx, row.id, values))) throw new Error(`attempt ${row.id} was closed under a lock`);
  return { ...row, ...values };
}

/** The lazy half of auto-closing: any read of an attempt past its deadline closes it first. */
export async function settleIfOverdue(ctx: Ctx, row: QuizAttemptRow): Promise<QuizAttemptRow> {
  return isOverdue(ctx, row, ctx.clock.now()) ? closeAttempt(ctx, row.id, "expired") : row;
}

/**
 * The sweeper half: close every attempt whose grace window has passed, on SQLite a batch per
 * transaction (one commit, a short hold of the only writer), yielding between transactions.
 * Several replicas may sweep at once: each claims rows the others have not locked, and an attempt
 * is closed exactly once. Returns how many this call closed.
 */
export async function sweepOverdueAttempts(ctx: Ctx, batch = 50): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - graceMs(ctx)).toISOString();
  // PostgreSQL: one attempt per transaction, so the tally and summary rows a close's triggers update
  // are not held across fifty closes while other replicas' sweepers and submits wait for them.
  const size = ctx.dialect === "postgres" ? 1 : batch;
  let closed = 0;
  for (;;) {
    const { claimed, rows } = await ctx.db.transaction().execute(async (trx) => {
      const overdue = await claimOverdueActive(trx, ctx.dialect, cutoff, size);
      const done: QuizAttemptRow[] = [];
      for (const r of overdue) done.push(await closeLocked(ctx, trx, r, "expired"));
      return { claimed: overdue.length, rows: done };
    });
    for (const r of rows) await noteClosed(ctx, r.userId);
    closed += rows.length;
    if (claimed < size) return closed;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function unitRank(ctx: Ctx, user: UserRow): Promise<UnitRank | null> {
  if (!user.unitCode) return null;
  // Not computed over the whole unit per submit: a cached, sorted list of the unit's counted scores (unit-rank.ts).
  const standing = await rankInUnit(ctx, user.unitCode, user.id);
  if (!standing) return null;
  const unit = ctx.pack.units.find((u) => u.code === user.unitCode);
  return { position: standing.position, of: standing.of, unitCode: user.unitCode, unitName: unit?.fullName ?? user.unitCode };
}

export async function resultOf(ctx: Ctx, user: UserRow, row: QuizAttemptRow): Promise<AttemptResult | null> {
  if (!row.finishedAt || row.score === null || row.correctCount === null) return null;
  return {
    score: Number(row.score),
    correctCount: row.correctCount,
    questionCount: row.questionCount,
    timeUsedSec: secondsBetween(row.startedAt, row.finishedAt),
    rank: await unitRank(ctx, user),
  };
}

