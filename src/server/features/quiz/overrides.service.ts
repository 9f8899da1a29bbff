import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { OverrideKind, OverrideNotice, OverrideResponse, FocusEventsResponse, PersonTest } from "../../../domain/quiz/overrides.schema";
import type { Database } from "../../db/schema";
import { isUniqueViolation } from "../../db/errors";
import { AppError } from "../../shared/app-error";
import { recordAudit } from "../../shared/audit";
import type { UserRow } from "../auth";
import { invalidateLiveBoards } from "../ranking";
import { countAnswers, findAttempt, findAttemptLocked, listAttemptsOfUser } from "./quiz.repository";
import type { QuizAttemptRow } from "./quiz.table";
import { type Ctx, attemptNotFound, isOverdue, settleIfOverdue, toSummary } from "./quiz-attempts";
import { countExtraAttempts, insertOverride, listFocusEvents, listOverridesOfUser, reopenAttemptRow, setAttemptDue, voidAttemptRow } from "./overrides.repository";

/**
 * Organisers' overrides of one person's test. Each is one transaction: the change, the person's
 * notice (quiz_overrides) and the audit line; rankings follow at once through the participation
 * triggers (a void and a reopen change what counts; see migration 0014).
 */
const notApplicable = (message: string) => new AppError(409, "OVERRIDE_NOT_APPLICABLE", message);
const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

type Change = { kind: OverrideKind; minutes: number | null; reason: string; details: Record<string, unknown> };

async function record(trx: Transaction<Database>, ctx: Ctx, actor: UserRow, userId: string, attempt: QuizAttemptRow | null, c: Change): Promise<OverrideNotice> {
  const at = ctx.clock.now().toISOString();
  const row = { id: randomUUID(), userId, attemptId: attempt?.id ?? null, kind: c.kind, minutes: c.minutes, reason: c.reason, actorId: actor.id, at };
  await insertOverride(trx, row);
  await recordAudit(trx, { actorId: actor.id, action: `quiz.${c.kind}`, subject: userId, details: { attemptId: attempt?.id ?? null, attemptNo: attempt?.attemptNo ?? null, reason: c.reason, ...c.details } }, ctx.clock.now());
  return { id: row.id, kind: c.kind, attemptNumber: attempt?.attemptNo ?? null, minutes: c.minutes, reason: c.reason, at };
}

/** Lock the attempt and apply `change` to it, in one transaction. */
async function onAttempt(ctx: Ctx, actor: UserRow, id: string, change: (trx: Transaction<Database>, row: QuizAttemptRow) => Promise<Change>): Promise<OverrideResponse> {
  const before = await findAttempt(ctx.db, id);
  if (!before) throw attemptNotFound();
  await settleIfOverdue(ctx, before); // an attempt past its deadline is closed first, as any read would
  try {
    const override = await ctx.db.transaction().execute(async (trx) => {
      const row = await findAttemptLocked(trx, ctx.dialect, id, "update");
      if (!row) throw attemptNotFound();
      return record(trx, ctx, actor, row.userId, row, await change(trx, row));
    });
    invalidateLiveBoards(ctx); // rankings show the change at once, not after the live cache's lifetime
    const after = (await findAttempt(ctx.db, id))!;
    return { override, attempt: toSummary(ctx, after, await countAnswers(ctx.db, id)) };
  } catch (err) {
    if (isUniqueViolation(err)) throw notApplicable("The person already has an active attempt");
    throw err;
  }
}

export function addTime(ctx: Ctx, actor: UserRow, id: string, minutes: number, reason: string) {
  return onAttempt(ctx, actor, id, async (trx, row) => {
    if (row.status !== "active" || isOverdue(ctx, row, ctx.clock.now())) throw notApplicable("Only an attempt in progress can be given more time; reopen an expired one");
    const dueAt = addMinutes(row.dueAt, minutes);
    await setAttemptDue(trx, row.id, dueAt);
    return { kind: "extra_time", minutes, reason, details: { minutes, dueAt: { from: row.dueAt, to: dueAt } } };
  });
}

export function reopenAttempt(ctx: Ctx, actor: UserRow, id: string, minutes: number, reason: string) {
  return onAttempt(ctx, actor, id, async (trx, row) => {
    if (row.status !== "expired") throw notApplicable("Only an attempt that expired can be reopened");
    const dueAt = addMinutes(ctx.clock.now().toISOString(), minutes);
    await reopenAttemptRow(trx, row.id, dueAt);
    return { kind: "reopen", minutes, reason, details: { minutes, dueAt, previous: { dueAt: row.dueAt, finishedAt: row.finishedAt, score: row.score } } };
  });
}

export function voidAttempt(ctx: Ctx, actor: UserRow, id: string, reason: string) {
  return onAttempt(ctx, actor, id, async (trx, row) => {
    if (row.status === "void") throw notApplicable("The attempt is already void");
    await voidAttemptRow(trx, row.id);
    return { kind: "void", minutes: null, reason, details: { previous: { status: row.status, score: row.score, finishedAt: row.finishedAt } } };
  });
}

export async function grantExtraAttempt(ctx: Ctx, actor: UserRow, target: UserRow, reason: string): Promise<OverrideResponse> {
  const override = await ctx.db.transaction().execute((trx) => record(trx, ctx, actor, target.id, null, { kind: "extra_attempt", minutes: null, reason, details: {} }));
  return { override, attempt: null };
}

const toNotice = (r: Awaited<ReturnType<typeof listOverridesOfUser>>[number]): OverrideNotice => ({
  id: r.id,
  kind: r.kind,
  attemptNumber: r.attemptNo ?? null,
  minutes: r.minutes === null ? null : Number(r.minutes),
  reason: r.reason,
  at: r.at,
});

export async function myOverrides(ctx: Ctx, userId: string): Promise<OverrideNotice[]> {
  return (await listOverridesOfUser(ctx.db, userId)).map(toNotice);
}

export { countExtraAttempts };

/** A person's attempts and overrides (organisers' person page). */
export async function personTest(ctx: Ctx, userId: string): Promise<PersonTest> {
  const rows = await listAttemptsOfUser(ctx.db, userId);
  return {
    attempts: rows.map((r) => toSummary(ctx, r, Number(r.answeredCount))),
    overrides: await myOverrides(ctx, userId),
    extraAttempts: await countExtraAttempts(ctx.db, userId),
  };
}

export const FOCUS_NOTE =
  "Chỉ để tham khảo: ứng dụng ghi lại lúc chuyển ra nền và quay lại (cuộc gọi, thông báo, mất sóng cũng gây ra). Không ai bị trừ điểm tự động.";

export async function focusEventsOf(ctx: Ctx, id: string): Promise<FocusEventsResponse> {
  const row = await findAttempt(ctx.db, id);
  if (!row) throw attemptNotFound();
  const events = (await listFocusEvents(ctx.db, id)).map((e) => ({ kind: e.kind, at: e.at }));
  let away = 0;
  let pausedAt: string | null = null;
  for (const e of events) {
    if (e.kind === "paused") pausedAt ??= e.at;
    else if (pausedAt) {
      away += Date.parse(e.at) - Date.parse(pausedAt);
      pausedAt = null;
    }
  }
  if (pausedAt) away += Math.max(0, Date.parse(row.finishedAt ?? row.dueAt) - Date.parse(pausedAt));
  return { advisory: true, note: FOCUS_NOTE, attemptId: id, events, pausedCount: events.filter((e) => e.kind === "paused").length, awaySeconds: Math.round(away / 1000) };
}
