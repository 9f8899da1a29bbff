import type { AttemptResponse } from "../../../domain/quiz/quiz.schema";
import { readJson, writeJson } from "../../shared/storage/json-storage";
import { STORAGE_KEYS } from "../../shared/storage/storage-keys";

/**
 * Answers not yet acknowledged by the server, kept on the phone (nativeStorage through the
 * fence) so that a dropped connection, a closed app or a dead battery loses nothing. Every tap
 * gets the next `seq` of its attempt; the server keeps the highest seq per question, so the
 * outbox can be replayed in any order, any number of times.
 */

export type PendingAnswer = { optionId: string; seq: number };
/** The paper as last received, so a person who reopens the app offline can keep answering. */
export type CachedPaper = { paper: AttemptResponse; clockOffsetMs: number };
type AttemptBox = { nextSeq: number; pending: Record<string, PendingAnswer>; flagged: string[]; paper?: CachedPaper };
type OutboxFile = { v: 1; attempts: Record<string, AttemptBox> };

function load(): OutboxFile {
  const file = readJson<OutboxFile | null>(STORAGE_KEYS.quizOutbox, null);
  return file && file.v === 1 && file.attempts && typeof file.attempts === "object" ? file : { v: 1, attempts: {} };
}

function update(attemptId: string, change: (box: AttemptBox) => void): AttemptBox {
  const file = load();
  const box = file.attempts[attemptId] ?? { nextSeq: 1, pending: {}, flagged: [] };
  change(box);
  file.attempts[attemptId] = box;
  writeJson(STORAGE_KEYS.quizOutbox, file);
  return box;
}

export const quizOutbox = {
  /** Answers still to send for this attempt. */
  pending(attemptId: string): Record<string, PendingAnswer> {
    return { ...(load().attempts[attemptId]?.pending ?? {}) };
  },

  flagged(attemptId: string): string[] {
    return [...(load().attempts[attemptId]?.flagged ?? [])];
  },

  /** Make sure new taps get a seq above everything the server already holds. */
  seenSeq(attemptId: string, seq: number): void {
    if ((load().attempts[attemptId]?.nextSeq ?? 1) > seq) return;
    update(attemptId, (box) => void (box.nextSeq = seq + 1));
  },

  /** Record a tap on the phone before it is sent; returns the answer with its seq. */
  record(attemptId: string, questionId: string, optionId: string): PendingAnswer {
    let answer: PendingAnswer = { optionId, seq: 0 };
    update(attemptId, (box) => {
      answer = { optionId, seq: box.nextSeq };
      box.nextSeq += 1;
      box.pending[questionId] = answer;
    });
    return answer;
  },

  /** The server holds this question's answer at `seq` or newer: the tap no longer needs sending. */
  acknowledge(attemptId: string, questionId: string, seq: number): void {
    const current = load().attempts[attemptId]?.pending[questionId];
    if (!current || current.seq > seq) return;
    update(attemptId, (box) => void delete box.pending[questionId]);
  },

  /** Keep the cached paper's saved answers current, so an offline reopen shows what the server has. */
  rememberSaved(attemptId: string, questionId: string, optionId: string, seq: number): void {
    const cached = load().attempts[attemptId]?.paper;
    if (!cached) return;
    const answers = cached.paper.answers.filter((a) => a.questionId !== questionId);
    update(attemptId, (box) => {
      if (box.paper) box.paper = { ...box.paper, paper: { ...box.paper.paper, answers: [...answers, { questionId, optionId, seq }] } };
    });
  },

  /** Drop a tap the server refused for good (e.g. an option that does not exist). */
  discard(attemptId: string, questionId: string, seq: number): void {
    const current = load().attempts[attemptId]?.pending[questionId];
    if (current?.seq === seq) update(attemptId, (box) => void delete box.pending[questionId]);
  },

  cachePaper(attemptId: string, paper: CachedPaper): void {
    update(attemptId, (box) => void (box.paper = paper));
  },

  cachedPaper(attemptId: string): CachedPaper | null {
    return load().attempts[attemptId]?.paper ?? null;
  },

  /** Active attempts whose paper is on the phone (to resume one without a connection). */
  cachedActive(): { attemptId: string; dueAt: string }[] {
    return Object.entries(load().attempts).flatMap(([attemptId, box]) =>
      box.paper && box.paper.paper.attempt.status === "active" ? [{ attemptId, dueAt: box.paper.paper.attempt.dueAt }] : [],
    );
  },

  toggleFlag(attemptId: string, questionId: string): string[] {
    return update(attemptId, (box) => {
      box.flagged = box.flagged.includes(questionId) ? box.flagged.filter((q) => q !== questionId) : [...box.flagged, questionId];
    }).flagged;
  },

  /** The attempt is over: nothing left to send or flag. */
  clear(attemptId: string): void {
    const file = load();
    if (!file.attempts[attemptId]) return;
    delete file.attempts[attemptId];
    writeJson(STORAGE_KEYS.quizOutbox, file);
  },
};
