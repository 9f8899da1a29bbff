import type { Insertable, Selectable } from "kysely";
import type { AttemptStatus } from "../../../domain/quiz/quiz.schema";

/** One attempt at the test (cross-feature contract: units and rankings read it). */
export interface QuizAttemptsTable {
  id: string;
  userId: string;
  /** 1, 2, 3 … per person; unique with userId so concurrent starts cannot exceed the limit. */
  attemptNo: number;
  status: AttemptStatus;
  startedAt: string;
  dueAt: string;
  finishedAt: string | null;
  /** Percent correct, 0–100. */
  score: number | null;
  correctCount: number | null;
  questionCount: number;
}

/** The frozen paper: which questions, in which order, options in which order, and the key at draw time. */
export interface QuizAttemptQuestionsTable {
  attemptId: string;
  questionId: string;
  position: number;
  /** Bank option ids in the order shown, "c,a,d,b". */
  optionOrder: string;
  /** Snapshot of the key, so a later edit of the bank cannot change a frozen paper's score. */
  correctOptionId: string;
}

/** The latest answer per question (bank option id). `seq` only ever grows. */
export interface QuizAnswersTable {
  attemptId: string;
  questionId: string;
  optionId: string;
  seq: number;
  savedAt: string;
}

/** AppPaused/AppResumed during an attempt: information for organisers, never part of the score. */
export interface QuizFocusEventsTable {
  id: string;
  attemptId: string;
  kind: "paused" | "resumed";
  at: string;
}

export type QuizAttemptRow = Selectable<QuizAttemptsTable>;
export type NewQuizAttemptRow = Insertable<QuizAttemptsTable>;
export type QuizPaperRow = Selectable<QuizAttemptQuestionsTable>;
export type QuizAnswerRow = Selectable<QuizAnswersTable>;

/** Kept by a trigger on quiz_attempts (migration 0011): finished attempts per answer cell, for item analysis. */
export interface QuizItemTallyTable {
  scope: "first" | "all";
  questionId: string;
  /** "" for a question left blank. */
  optionId: string;
  isKey: number;
  total: number;
  count: number;
}
