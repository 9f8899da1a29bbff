import { z } from "zod";
import { ErrorCodeSchema } from "../shared/errors";
import { idParam } from "../shared/text";

/**
 * The quiz API contract, shared by the app and the server. Nothing a taker receives before the
 * review opens carries the key: no correct option, no explanation, only display option ids.
 */

/** "void": an organiser voided it (cheating confirmed); it counts nowhere — score, rankings, item analysis. */
export const AttemptStatusSchema = z.enum(["active", "submitted", "expired", "void"]);
export type AttemptStatus = z.infer<typeof AttemptStatusSchema>;

export const QUIZ_LOCK_REASONS = ["stage_not_open", "stage_closed", "lessons_incomplete", "no_attempts_left", "cooldown"] as const;
export const QuizLockReasonSchema = z.enum(QUIZ_LOCK_REASONS);
export type QuizLockReason = z.infer<typeof QuizLockReasonSchema>;

const id = idParam;
const iso = z.iso.datetime();

export const AttemptIdParamsSchema = z.object({ id });
export const AnswerParamsSchema = z.object({ id, questionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export const UnitRankSchema = z.object({ position: z.number().int().min(1), of: z.number().int().min(1), unitCode: z.string(), unitName: z.string() });
export type UnitRank = z.infer<typeof UnitRankSchema>;

export const AttemptResultSchema = z.object({
  score: z.number().min(0).max(100),
  correctCount: z.number().int().min(0),
  questionCount: z.number().int().min(0),
  timeUsedSec: z.number().int().min(0),
  /** Rank of the person's counted score within their unit; null without a unit. */
  rank: UnitRankSchema.nullable(),
});
export type AttemptResult = z.infer<typeof AttemptResultSchema>;

export const AttemptSummarySchema = z.object({
  id,
  number: z.number().int().min(1),
  status: AttemptStatusSchema,
  startedAt: iso,
  dueAt: iso,
  finishedAt: iso.nullable(),
  questionCount: z.number().int().min(0),
  answeredCount: z.number().int().min(0),
  score: z.number().nullable(),
  correctCount: z.number().int().nullable(),
  timeUsedSec: z.number().int().nullable(),
  /** When answers and explanations become visible; null = never (or not finished yet). */
  reviewOpensAt: iso.nullable(),
});
export type AttemptSummary = z.infer<typeof AttemptSummarySchema>;

export const QuizRulesSchema = z.object({
  questionCount: z.number().int(),
  timeLimitMinutes: z.number().int(),
  attemptsAllowed: z.number().int(),
  countedAttempt: z.enum(["best", "last", "first"]),
  cooldownMinutes: z.number().int(),
  review: z.enum(["after_stage_close", "after_submit", "never"]),
});

/** GET /api/quiz — may I take the test, and how am I doing. */
export const QuizStatusResponseSchema = z.object({
  canStart: z.boolean(),
  reasons: z.array(QuizLockReasonSchema),
  lessons: z.object({ completed: z.number().int(), total: z.number().int() }),
  stage: z.object({ opensAt: iso, closesAt: iso }),
  rules: QuizRulesSchema,
  attemptsUsed: z.number().int(),
  attemptsLeft: z.number().int(),
  nextAttemptAt: iso.nullable(),
  activeAttemptId: id.nullable(),
  countedScore: z.number().nullable(),
  rank: UnitRankSchema.nullable(),
  attempts: z.array(AttemptSummarySchema),
  serverNow: iso,
});
export type QuizStatusResponse = z.infer<typeof QuizStatusResponseSchema>;

export const AttemptListResponseSchema = z.object({ attempts: z.array(AttemptSummarySchema), serverNow: iso });

export const PaperOptionSchema = z.object({ id: z.string(), text: z.string() });
export const PaperQuestionSchema = z.object({
  id: z.string(),
  /** 1-based position on the paper. */
  number: z.number().int().min(1),
  stem: z.string(),
  options: z.array(PaperOptionSchema),
});
export type PaperQuestion = z.infer<typeof PaperQuestionSchema>;

export const SavedAnswerSchema = z.object({ questionId: z.string(), optionId: z.string(), seq: z.number().int() });
export type SavedAnswer = z.infer<typeof SavedAnswerSchema>;

export const StartAttemptResponseSchema = z.object({ attempt: AttemptSummarySchema, resumed: z.boolean() });

/** GET /api/quiz/attempts/:id — the frozen paper, my saved answers, and the server's clock. */
export const AttemptResponseSchema = z.object({
  attempt: AttemptSummarySchema,
  questions: z.array(PaperQuestionSchema),
  answers: z.array(SavedAnswerSchema),
  result: AttemptResultSchema.nullable(),
  graceSeconds: z.number().int(),
  serverNow: iso,
});
export type AttemptResponse = z.infer<typeof AttemptResponseSchema>;

/** `seq` grows with every tap on the phone: a late retry of an older tap never overwrites a newer one. */
export const SaveAnswerRequestSchema = z.object({
  optionId: z.string().regex(/^[a-f]$/, "phương án từ a đến f"),
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type SaveAnswerRequest = z.infer<typeof SaveAnswerRequestSchema>;

/** `answer` is what the server holds now; `applied` is false when a newer answer was already there. */
export const SaveAnswerResponseSchema = z.object({ answer: SavedAnswerSchema, applied: z.boolean() });
export type SaveAnswerResponse = z.infer<typeof SaveAnswerResponseSchema>;

/** The phone's backlog (its outbox after a lost connection) in one request; each answer as if sent alone. */
export const SAVE_MANY_MAX = 100;
export const SaveAnswersRequestSchema = z.object({
  answers: z
    .array(SaveAnswerRequestSchema.extend({ questionId: AnswerParamsSchema.shape.questionId }))
    .min(1)
    .max(SAVE_MANY_MAX)
    .refine((list) => new Set(list.map((a) => a.questionId)).size === list.length, "mỗi câu hỏi chỉ một lần"),
});
export type SaveAnswersRequest = z.infer<typeof SaveAnswersRequestSchema>;

/** Per answer, in the order sent: saved (as for one answer) or refused with the code one answer would get. */
export const SaveAnswersResponseSchema = z.object({
  results: z.array(
    z.discriminatedUnion("ok", [
      z.object({ ok: z.literal(true), questionId: z.string(), answer: SavedAnswerSchema, applied: z.boolean() }),
      z.object({ ok: z.literal(false), questionId: z.string(), code: ErrorCodeSchema }),
    ]),
  ),
});
export type SaveAnswersResponse = z.infer<typeof SaveAnswersResponseSchema>;

export const SubmitResponseSchema = z.object({ attempt: AttemptSummarySchema, result: AttemptResultSchema });
export type SubmitResponse = z.infer<typeof SubmitResponseSchema>;

export const FocusEventRequestSchema = z.object({ kind: z.enum(["paused", "resumed"]) });
export const FocusEventResponseSchema = z.object({ recorded: z.boolean() });

export const ReviewItemSchema = z.object({
  number: z.number().int(),
  questionId: z.string(),
  stem: z.string(),
  options: z.array(PaperOptionSchema),
  chosenOptionId: z.string().nullable(),
  correctOptionId: z.string(),
  correct: z.boolean(),
  explanation: z.string(),
  lesson: z.object({ id: z.string(), order: z.number().int(), title: z.string() }),
  lessonMomentSec: z.number().int(),
});
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

export const ReviewResponseSchema = z.object({ attempt: AttemptSummarySchema, result: AttemptResultSchema, items: z.array(ReviewItemSchema) });
export type ReviewResponse = z.infer<typeof ReviewResponseSchema>;
