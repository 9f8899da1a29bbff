import { z } from "zod";
import { AttemptResponseSchema, type AttemptResponse } from "../../../domain/quiz/quiz.schema";
import { createOutbox } from "../../shared/offline/outbox";
import { STORAGE_KEYS } from "../../shared/storage/storage-keys";

/**
 * Answers not yet acknowledged by the server, kept on the phone in the one offline outbox
 * (nativeStorage through the fence) so that a dropped connection, a closed app or a dead battery loses nothing. Every tap
 * gets the next `seq` of its attempt; the server keeps the highest seq per question, so the
 * outbox can be replayed in any order, any number of times.
 */

export type PendingAnswer = { optionId: string; seq: number };
/** The paper as last received, so a person who reopens the app offline can keep answering. */
export type CachedPaper = { paper: AttemptResponse; clockOffsetMs: number };
type AttemptBox = { nextSeq: number; pending: Record<string, PendingAnswer>; flagged: string[]; paper?: CachedPaper };

const PendingAnswerSchema = z.object({ optionId: z.string(), seq: z.number().int() });
const AttemptBoxSchema = z.object({
  nextSeq: z.number().int(),
  pending: z.record(z.string(), PendingAnswerSchema),
  flagged: z.array(z.string()),
  // A paper cached by an older build that no longer parses is dropped; the answers waiting are kept.
  paper: z.object({ paper: AttemptResponseSchema, clockOffsetMs: z.number() }).optional().catch(undefined),
});

/**
 * One entry per attempt, in the app's one offline outbox. Flushed by the attempt page (it shows
 * each answer's state), on the same triggers as every other outbox (useOutboxReplay).
 */
export const quizAnswersOutbox = createOutbox<AttemptBox>({
  key: STORAGE_KEYS.quizOutbox,
  schema: AttemptBoxSchema,
  // Builds before the one outbox kept `{ v: 1, attempts }`.
  legacy: (raw) => {
    const old = raw as { v?: number; attempts?: Record<string, unknown> } | null;
    return old && old.v === 1 && old.attempts && typeof old.attempts === "object" ? old.attempts : null;
  },
});

const EMPTY: AttemptBox = { nextSeq: 1, pending: {}, flagged: [] };
const box = (attemptId: string): AttemptBox => quizAnswersOutbox.get(attemptId) ?? EMPTY;

/** Change one attempt's box in one write (a new object each time: callers may hold the old one). */
function update(attemptId: string, change: (b: AttemptBox) => AttemptBox): AttemptBox {
  return quizAnswersOutbox.update(attemptId, (prev) => change(prev ?? EMPTY))!;
}

function withoutPending(b: AttemptBox, questionId: string): AttemptBox {
  const pending = { ...b.pending };
  delete pending[questionId];
  return { ...b, pending };
}

export const quizOutbox = {
  /** Answers still to send for this attempt. */
  pending(attemptId: string): Record<string, PendingAnswer> {
    return { ...box(attemptId).pending };
  },

  flagged(attemptId: string): string[] {
    return [...box(attemptId).flagged];
  },

  /** Make sure new taps get a seq above everything the server already holds. */
  seenSeq(attemptId: string, seq: number): void {
    if (box(attemptId).nextSeq > seq) return;
    update(attemptId, (b) => ({ ...b, nextSeq: seq + 1 }));
  },

  /** Record a tap on the phone before it is sent; returns the answer with its seq. */
  record(attemptId: string, questionId: string, optionId: string): PendingAnswer {
    const answer: PendingAnswer = { optionId, seq: box(attemptId).nextSeq };
    update(attemptId, (b) => ({ ...b, nextSeq: answer.seq + 1, pending: { ...b.pending, [questionId]: answer } }));
    return answer;
  },

  /** The server holds this question's answer at `seq` or newer: the tap no longer needs sending. */
  acknowledge(attemptId: string, questionId: string, seq: number): void {
    const current = box(attemptId).pending[questionId];
    if (!current || current.seq > seq) return;
    update(attemptId, (b) => withoutPending(b, questionId));
  },

  /** Keep the cached paper's saved answers current, so an offline reopen shows what the server has. */
  rememberSaved(attemptId: string, questionId: string, optionId: string, seq: number): void {
    const cached = box(attemptId).paper;
    if (!cached) return;
    const answers = [...cached.paper.answers.filter((a) => a.questionId !== questionId), { questionId, optionId, seq }];
    update(attemptId, (b) => ({ ...b, paper: { ...cached, paper: { ...cached.paper, answers } } }));
  },

  /** Drop a tap the server refused for good (e.g. an option that does not exist). */
  discard(attemptId: string, questionId: string, seq: number): void {
    const current = box(attemptId).pending[questionId];
    if (current?.seq === seq) update(attemptId, (b) => withoutPending(b, questionId));
  },

  cachePaper(attemptId: string, paper: CachedPaper): void {
    update(attemptId, (b) => ({ ...b, paper }));
  },

  cachedPaper(attemptId: string): CachedPaper | null {
    return box(attemptId).paper ?? null;
  },

  /** Active attempts whose paper is on the phone (to resume one without a connection). */
  cachedActive(): { attemptId: string; dueAt: string }[] {
    return quizAnswersOutbox.entries().flatMap(([attemptId, b]) =>
      b.paper && b.paper.paper.attempt.status === "active" ? [{ attemptId, dueAt: b.paper.paper.attempt.dueAt }] : [],
    );
  },

  toggleFlag(attemptId: string, questionId: string): string[] {
    return update(attemptId, (b) => ({ ...b, flagged: b.flagged.includes(questionId) ? b.flagged.filter((q) => q !== questionId) : [...b.flagged, questionId] })).flagged;
  },

  /** The attempt is over: nothing left to send or flag. */
  clear(attemptId: string): void {
    quizAnswersOutbox.remove(attemptId);
  },
};
