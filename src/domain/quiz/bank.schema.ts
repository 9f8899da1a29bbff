import { z } from "zod";
import { text } from "../shared/text";
import { QuestionOptionSchema } from "./question.schema";

/** The question bank in the app: versions uploaded by organisers, one published at a time. */

export const BankVersionStatusSchema = z.enum(["draft", "published", "archived"]);
export const BankVersionSchema = z.object({
  version: z.number().int(),
  status: BankVersionStatusSchema,
  /** "pack": questions.json at first start-up; "upload": a CSV/XLSX from the organiser pages. */
  source: z.enum(["pack", "upload"]),
  fileName: z.string().nullable(),
  questionCount: z.number().int(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type BankVersion = z.infer<typeof BankVersionSchema>;

export const BankStateResponseSchema = z.object({
  publishedVersion: z.number().int().nullable(),
  versions: z.array(BankVersionSchema),
  retiredCount: z.number().int(),
});
export type BankStateResponse = z.infer<typeof BankStateResponseSchema>;

export const BankProblemSchema = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() });
export const BankPreviewResponseSchema = z.object({
  fileName: z.string(),
  /** Rows that would become questions. */
  questionCount: z.number().int(),
  /** Every row/column problem, in Vietnamese; nothing is stored while there is one. */
  problems: z.array(BankProblemSchema),
  /** Why the paper could not be drawn from this bank (counted without retired questions). */
  blueprintProblems: z.array(z.string()),
  perLesson: z.array(z.object({ lessonId: z.string(), count: z.number().int() })),
  /** The draft version to publish, when the file has no problem. */
  draft: BankVersionSchema.nullable(),
});
export type BankPreviewResponse = z.infer<typeof BankPreviewResponseSchema>;

export const BankVersionParamsSchema = z.object({ version: z.coerce.number().int().min(1) });
export const BankQuestionParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]+$/).max(100) });

export const BankQuestionsQuerySchema = z.object({
  lesson: text({ max: 100 }).optional(),
  difficulty: z.enum(["easy", "medium", "hard"]).optional(),
  q: text({ max: 200 }).optional(),
  /** A version to browse (default: the published one). */
  version: z.coerce.number().int().min(1).optional(),
});
export type BankQuestionsQuery = z.infer<typeof BankQuestionsQuerySchema>;

export const BankQuestionSummarySchema = z.object({
  id: z.string(),
  lessonId: z.string(),
  difficulty: z.enum(["easy", "medium", "hard"]),
  stem: z.string(),
  retired: z.boolean(),
});
export const BankQuestionsResponseSchema = z.object({
  version: z.number().int(),
  total: z.number().int(),
  /** At most 200, in bank order; narrow with the filters. */
  questions: z.array(BankQuestionSummarySchema),
});
export type BankQuestionsResponse = z.infer<typeof BankQuestionsResponseSchema>;

export const BankQuestionDetailSchema = z.object({
  id: z.string(),
  lessonId: z.string(),
  lessonTitle: z.string().nullable(),
  difficulty: z.enum(["easy", "medium", "hard"]),
  stem: z.string(),
  options: z.array(QuestionOptionSchema),
  correctOptionId: z.string(),
  explanation: z.string(),
  lessonMomentSec: z.number().int(),
  /** The lesson moment in the app: /learn/<lesson>?t=<sec>. */
  lessonLink: z.string(),
  retired: z.boolean(),
  retiredAt: z.string().nullable(),
  /** The bank versions that hold this question. */
  versions: z.array(z.number().int()),
});
export type BankQuestionDetail = z.infer<typeof BankQuestionDetailSchema>;

export const RetireRequestSchema = z.object({ reason: text({ max: 500, multiline: true }).optional() });
