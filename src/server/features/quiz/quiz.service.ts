import { randomInt, randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { stageStatus } from "../../../domain/contest/calendar";
import { lessonQuota } from "../../../domain/quiz/blueprint";
import { attemptDueAt, quizEligibility, reviewOpensAt } from "../../../domain/quiz/eligibility";
import { bankIdOf, decodeOptionOrder, DISPLAY_IDS, displayIdOf, drawPaper, encodeOptionOrder, type Rng } from "../../../domain/quiz/paper";
import type { AttemptResponse, AttemptSummary, QuizLockReason, QuizStatusResponse, ReviewResponse, SaveAnswerRequest, SaveAnswerResponse, SubmitResponse } from "../../../domain/quiz/quiz.schema";
import { countedScore } from "../../../domain/quiz/scoring";
import type { Database } from "../../db/schema";
import type { UserRow } from "../auth";
import { isUniqueViolation } from "../../db/errors";
import { AppError } from "../../shared/app-error";
import { insertPaperVersion } from "./bank.repository";
import { paperBank, publishedBank } from "./bank.service";
import { groupCommitterOf } from "../../db/group-commit";
import { countAnswers, countFocusEvents, findActiveAttempt, findAnswer, findAttempt, findAttemptWithQuestion, insertAttempt, insertFocusEvent, listAnswers, listAttemptsOfUser, listPaper, tryFastSaveAnswer, upsertAnswer } from "./quiz.repository";
import type { QuizAttemptRow } from "./quiz.table";
import { countExtraAttempts } from "./overrides.repository";
import { SaveBatcher } from "./save-batch";
import { type Ctx, stage1, countLessonsCompleted, graceMs, isOverdue, attemptNotFound, toSummary, ownAttempt, closeAttempt, unitRank, resultOf } from "./quiz-attempts";

export { createQuizCache, sweepOverdueAttempts, type QuizCache } from "./quiz-attempts";


/** Enough focus events to see a pattern; more is noise (or abuse) and is not stored. */
const MAX_FOCUS_EVENTS = 200;

const cryptoRng: Rng = () => randomInt(2 ** 47) / 2 ** 47;

async function myAttempts(ctx: Ctx, user: UserRow) {
  let rows = await listAttemptsOfUser(ctx.db, user.id);
  const now = ctx.clock.now();
  if (rows.some((r) => isOverdue(ctx, r, now))) {
    for (const r of rows) if (isOverdue(ctx, r, now)) await closeAttempt(ctx, r.id, "expired");
    rows = await listAttemptsOfUser(ctx.db, user.id);
  }
  return rows;
}

/** The pack's attempts plus any extra ones organisers granted this person (overrides). */
async function attemptsAllowed(ctx: Ctx, userId: string): Promise<number> {
  return ctx.pack.quiz.attemptsAllowed + (await countExtraAttempts(ctx.db, userId));
}

function eligibility(ctx: Ctx, rows: QuizAttemptRow[], lessonsCompleted: number, allowed: number) {
  const finished = rows.map((r) => r.finishedAt).filter((f): f is string => f !== null).sort();
  return quizEligibility({ ...ctx.pack.quiz, attemptsAllowed: allowed }, {
    lessonsCompleted,
    lessonsTotal: ctx.pack.lessons.length,
    stage1: stageStatus(stage1(ctx), ctx.clock.now()),
    attemptsUsed: rows.length,
    lastFinishedAt: finished[finished.length - 1] ?? null,
    hasActive: rows.some((r) => r.status === "active"),
    now: ctx.clock.now(),
  });
}

const lessonIds = (ctx: Ctx) => ctx.pack.lessons.map((l) => l.id);

export async function quizStatus(ctx: Ctx, user: UserRow): Promise<QuizStatusResponse> {
  const rows = await myAttempts(ctx, user);
  const lessonsCompleted = await countLessonsCompleted(ctx, user.id);
  const allowed = await attemptsAllowed(ctx, user.id);
  const e = eligibility(ctx, rows, lessonsCompleted, allowed);
  const finished = rows.filter((r) => r.finishedAt && r.score !== null).map((r) => ({ startedAt: r.startedAt, score: Number(r.score) }));
  const score = countedScore(finished, ctx.pack.quiz.countedAttempt);
  const { opensAt, closesAt } = stage1(ctx);
  const { questionCount, timeLimitMinutes, countedAttempt, cooldownMinutes, review } = ctx.pack.quiz;
  return {
    canStart: e.canStart,
    reasons: e.reasons,
    lessons: { completed: lessonsCompleted, total: ctx.pack.lessons.length },
    stage: { opensAt, closesAt },
    rules: { questionCount, timeLimitMinutes, attemptsAllowed: allowed, countedAttempt, cooldownMinutes, review },
    attemptsUsed: rows.length,
    attemptsLeft: Math.max(0, allowed - rows.length),
    nextAttemptAt: e.nextAttemptAt,
    activeAttemptId: rows.find((r) => r.status === "active")?.id ?? null,
    countedScore: score,
    rank: score === null ? null : await unitRank(ctx, user),
    attempts: rows.map((r) => toSummary(ctx, r, Number(r.answeredCount))),
    serverNow: ctx.clock.now().toISOString(),
  };
}

export async function listMyAttempts(ctx: Ctx, user: UserRow) {
  const rows = await myAttempts(ctx, user);
  return { attempts: rows.map((r) => toSummary(ctx, r, Number(r.answeredCount))), serverNow: ctx.clock.now().toISOString() };
}

function lockedError(reason: QuizLockReason): AppError {
  switch (reason) {
    case "stage_not_open":
    case "stage_closed":
      return new AppError(403, "STAGE_NOT_OPEN", "Stage 1 is not open");
    case "lessons_incomplete":
      return new AppError(403, "QUIZ_LOCKED", "Finish every lesson first");
    case "no_attempts_left":
      return new AppError(409, "ATTEMPT_LIMIT_REACHED", "No attempts left");
    case "cooldown":
      return new AppError(409, "ATTEMPT_COOLDOWN", "Wait before the next attempt");
  }
}

/** Start an attempt (freeze a paper), or return the active one: one active attempt per person. */
export async function startAttempt(ctx: Ctx, user: UserRow): Promise<{ attempt: AttemptSummary; resumed: boolean }> {
  const rows = await myAttempts(ctx, user);
  const active = rows.find((r) => r.status === "active");
  if (active) return { attempt: toSummary(ctx, active, Number(active.answeredCount)), resumed: true };
  const e = eligibility(ctx, rows, await countLessonsCompleted(ctx, user.id), await attemptsAllowed(ctx, user.id));
  if (!e.canStart) throw lockedError(e.reasons[0] ?? "stage_closed");

  const now = ctx.clock.now();
  const { quiz } = ctx.pack;
  // The published bank version, without retired questions; the paper keeps its own key snapshot.
  const published = await publishedBank(ctx);
  const paper = drawPaper(published.drawable, lessonQuota(lessonIds(ctx), quiz.questionCount, quiz.perLesson), cryptoRng);
  const bank = published.byId;
  const row: QuizAttemptRow = {
    id: randomUUID(),
    userId: user.id,
    attemptNo: rows.length + 1,
    status: "active",
    startedAt: now.toISOString(),
    dueAt: attemptDueAt(now, quiz.timeLimitMinutes, stage1(ctx).closesAt),
    finishedAt: null,
    score: null,
    correctCount: null,
    questionCount: paper.length,
  };
  const items = paper.map((p, i) => ({
    attemptId: row.id,
    questionId: p.questionId,
    position: i + 1,
    optionOrder: encodeOptionOrder(p.optionOrder),
    correctOptionId: bank.get(p.questionId)!.correctOptionId,
  }));
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertAttempt(trx, row, items);
      await insertPaperVersion(trx, row.id, published.version);
    });
  } catch (err) {
    // A concurrent start (double tap, two phones) won: hand back its attempt.
    if (!isUniqueViolation(err)) throw err;
    const winner = await findActiveAttempt(ctx.db, user.id);
    if (!winner) throw new AppError(409, "CONFLICT", "Another attempt was started at the same moment");
    return { attempt: toSummary(ctx, winner, await countAnswers(ctx.db, winner.id)), resumed: true };
  }
  return { attempt: toSummary(ctx, row, 0), resumed: false };
}

/** The paper (no key, no explanations), my saved answers, the result once finished, and the server's clock. */
export async function getAttempt(ctx: Ctx, user: UserRow, id: string): Promise<AttemptResponse> {
  const row = await ownAttempt(ctx, user, id);
  const paper = await listPaper(ctx.db, id);
  const answers = await listAnswers(ctx.db, id);
  const bank = await paperBank(ctx, id);
  const orders = new Map(paper.map((p) => [p.questionId, decodeOptionOrder(p.optionOrder)]));
  return {
    attempt: toSummary(ctx, row, answers.length),
    questions: paper.map((p) => {
      const q = bank.get(p.questionId);
      const order = orders.get(p.questionId)!;
      return {
        id: p.questionId,
        number: p.position,
        // A question removed from the bank after this paper was drawn still shows, so the paper stays whole.
        stem: q?.stem ?? "(Câu hỏi này đã được Ban tổ chức gỡ khỏi ngân hàng)",
        options: order.map((bankId, i) => ({ id: DISPLAY_IDS[i]!, text: q?.options.find((o) => o.id === bankId)?.text ?? `Phương án ${i + 1}` })),
      };
    }),
    answers: answers.flatMap((a) => {
      const shown = displayIdOf(orders.get(a.questionId) ?? [], a.optionId);
      return shown ? [{ questionId: a.questionId, optionId: shown, seq: Number(a.seq) }] : [];
    }),
    result: await resultOf(ctx, user, row),
    graceSeconds: ctx.pack.quiz.graceSeconds,
    serverNow: ctx.clock.now().toISOString(),
  };
}

type SaveOutcome = { kind: "saved"; answer: SaveAnswerResponse["answer"]; applied: boolean } | { kind: "closed"; overdue: boolean };

/**
 * Save one answer. Acknowledged only once its commit is on disk (SQLite: after the WAL flush, ADR
 * 0009), in a group commit unless QUIZ_GROUP_COMMIT=0, accepted until dueAt + grace,
 * idempotent, and a lower seq never overwrites a higher one.
 */
export async function saveAnswer(ctx: Ctx, user: UserRow, attemptId: string, questionId: string, body: SaveAnswerRequest): Promise<SaveAnswerResponse> {
  const now = ctx.clock.now();
  const fast = {
    attemptId,
    userId: user.id,
    questionId,
    displayIndex: (DISPLAY_IDS as readonly string[]).indexOf(body.optionId),
    seq: body.seq,
    savedAt: now.toISOString(),
    dueCutoff: new Date(now.getTime() - graceMs(ctx)).toISOString(),
  };
  const written: SaveOutcome = { kind: "saved", answer: { questionId, optionId: body.optionId, seq: body.seq }, applied: true };

  // Anything the one-statement save did not write: find out why, in a transaction.
  // Checks first, the write last: the group committer relies on it (see GroupCommitter).
  const slow = async (trx: Transaction<Database>): Promise<SaveOutcome> => {
    const row = await findAttemptWithQuestion(trx, ctx.dialect, attemptId, questionId);
    if (!row) {
      const attempt = await findAttempt(trx, attemptId);
      if (!attempt || attempt.userId !== user.id) throw attemptNotFound();
      throw new AppError(400, "QUESTION_NOT_IN_PAPER", "This question is not on the attempt's paper");
    }
    if (row.userId !== user.id) throw attemptNotFound();
    const order = decodeOptionOrder(row.optionOrder);
    const bankId = bankIdOf(order, body.optionId);
    if (!bankId) throw new AppError(400, "OPTION_INVALID", "No such option on this question", { optionId: "Phương án không có trong câu hỏi" });
    if (row.status !== "active" || isOverdue(ctx, row, now)) {
      // A retry of a save that was already acknowledged still succeeds after the close.
      const stored = await findAnswer(trx, attemptId, questionId);
      if (stored && (Number(stored.seq) > body.seq || (Number(stored.seq) === body.seq && stored.optionId === bankId)))
        return { kind: "saved", answer: { questionId, optionId: displayIdOf(order, stored.optionId) ?? body.optionId, seq: Number(stored.seq) }, applied: false };
      return { kind: "closed", overdue: row.status === "active" };
    }
    const { stored, applied } = await upsertAnswer(trx, { attemptId, questionId, optionId: bankId, seq: body.seq, savedAt: fast.savedAt });
    return { kind: "saved", answer: { questionId, optionId: displayIdOf(order, stored.optionId) ?? body.optionId, seq: Number(stored.seq) }, applied };
  };

  // SQLite: one transaction (one WAL flush) for the saves of the moment. PostgreSQL: their fast
  // halves in one statement (ADR 0010), the rest each in its own transaction.
  const committer = groupCommitterOf(ctx);
  let outcome: SaveOutcome;
  if (committer && ctx.dialect === "sqlite") outcome = await committer.run(async (trx) => ((await tryFastSaveAnswer(trx, fast)) ? written : slow(trx)));
  else {
    const fastDone = committer ? await saveBatcherOf(ctx).run(fast) : await tryFastSaveAnswer(ctx.db, fast);
    outcome = fastDone ? written : await ctx.db.transaction().execute(slow);
  }
  if (outcome.kind === "closed") {
    if (outcome.overdue) await closeAttempt(ctx, attemptId, "expired");
    throw new AppError(409, "ATTEMPT_CLOSED", "The attempt is over; answers are no longer accepted");
  }
  return { answer: outcome.answer, applied: outcome.applied };
}

const saveBatcherOf = (ctx: Ctx): SaveBatcher => (ctx.caches.quiz.saves ??= new SaveBatcher(ctx.db));

/** Score on the server. Idempotent: a retry (or a submit after the automatic close) returns the same result. */
export async function submitAttempt(ctx: Ctx, user: UserRow, id: string): Promise<SubmitResponse> {
  let row = await ownAttempt(ctx, user, id);
  if (row.status === "active") row = await closeAttempt(ctx, id, "submitted");
  const result = await resultOf(ctx, user, row);
  if (!result) throw new Error(`attempt ${id} closed without a score`);
  return { attempt: toSummary(ctx, row, await countAnswers(ctx.db, id)), result };
}

/** Right answers, explanations and lesson moments — only once the review policy allows it. */
export async function reviewAttempt(ctx: Ctx, user: UserRow, id: string): Promise<ReviewResponse> {
  const row = await ownAttempt(ctx, user, id);
  const opensAt = reviewOpensAt(ctx.pack.quiz.review, row.finishedAt, stage1(ctx).closesAt);
  if (!opensAt || ctx.clock.now().toISOString() < opensAt)
    throw new AppError(403, "REVIEW_NOT_AVAILABLE", opensAt ? `Review opens at ${opensAt}` : "Review is not available for this attempt");
  const paper = await listPaper(ctx.db, id);
  const answers = new Map((await listAnswers(ctx.db, id)).map((a) => [a.questionId, a.optionId]));
  const bank = await paperBank(ctx, id);
  const lessons = new Map(ctx.pack.lessons.map((l) => [l.id, l]));
  const result = await resultOf(ctx, user, row);
  if (!result) throw new Error(`attempt ${id} finished without a score`);
  return {
    attempt: toSummary(ctx, row, answers.size),
    result,
    items: paper.map((p) => {
      const q = bank.get(p.questionId);
      const order = decodeOptionOrder(p.optionOrder);
      const chosen = answers.get(p.questionId);
      const lesson = q ? lessons.get(q.lessonId) : undefined;
      return {
        number: p.position,
        questionId: p.questionId,
        stem: q?.stem ?? "(Câu hỏi này đã được Ban tổ chức gỡ khỏi ngân hàng)",
        options: order.map((bankId, i) => ({ id: DISPLAY_IDS[i]!, text: q?.options.find((o) => o.id === bankId)?.text ?? `Phương án ${i + 1}` })),
        chosenOptionId: chosen ? displayIdOf(order, chosen) : null,
        correctOptionId: displayIdOf(order, p.correctOptionId) ?? "a",
        correct: chosen === p.correctOptionId,
        explanation: q?.explanation ?? "",
        lesson: lesson ? { id: lesson.id, order: lesson.order, title: lesson.title } : { id: q?.lessonId ?? "", order: 0, title: "" },
        lessonMomentSec: q?.lessonMomentSec ?? 0,
      };
    }),
  };
}

/** Log that the app went to the background or came back, while the attempt is open. Never affects the score. */
export async function recordFocusEvent(ctx: Ctx, user: UserRow, id: string, kind: "paused" | "resumed"): Promise<{ recorded: boolean }> {
  const row = await ownAttempt(ctx, user, id);
  if (row.status !== "active") return { recorded: false };
  if ((await countFocusEvents(ctx.db, id)) >= MAX_FOCUS_EVENTS) return { recorded: false };
  await insertFocusEvent(ctx.db, { id: randomUUID(), attemptId: id, kind, at: ctx.clock.now().toISOString() });
  return { recorded: true };
}
