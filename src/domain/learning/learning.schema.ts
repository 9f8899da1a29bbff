import { z } from "zod";
import { idParam } from "../shared/text";

/** Longest span a report may name; lessons are minutes long, this only stops absurd numbers. */
const MAX_SECONDS = 6 * 3600;
const seconds = z.number().min(0).max(MAX_SECONDS);

export const IntervalSchema = z
  .tuple([seconds, seconds])
  .refine(([from, to]) => from <= to, { message: "Đoạn đã xem phải có điểm đầu không lớn hơn điểm cuối" });

/** POST /api/lessons/:id/progress. There is deliberately no "completed" field: the server decides. */
export const ProgressRequestSchema = z.object({
  intervals: z.array(IntervalSchema).max(500),
  position: seconds,
});
export type ProgressRequest = z.infer<typeof ProgressRequestSchema>;

export const LessonStatusSchema = z.enum(["not_started", "in_progress", "completed"]);

export const LessonProgressSchema = z.object({
  lessonId: z.string(),
  /** Merged watched spans, in seconds. */
  intervals: z.array(z.tuple([z.number(), z.number()])),
  watchedSec: z.number().min(0),
  /** Share of distinct seconds watched, 0–1. */
  coverage: z.number().min(0).max(1),
  lastPosition: z.number().min(0),
  completed: z.boolean(),
  completedAt: z.iso.datetime().nullable(),
});
export type LessonProgress = z.infer<typeof LessonProgressSchema>;

export const ProgressResponseSchema = LessonProgressSchema.extend({
  /** This report is the one that completed the lesson. */
  justCompleted: z.boolean(),
  completedCount: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type ProgressResponse = z.infer<typeof ProgressResponseSchema>;

export const LessonSummarySchema = z.object({
  id: z.string(),
  order: z.number().int(),
  title: z.string(),
  summary: z.string(),
  durationSec: z.number(),
  posterUrl: z.string(),
  status: LessonStatusSchema,
  coverage: z.number().min(0).max(1),
  completedAt: z.iso.datetime().nullable(),
  /** The pack requires order and an earlier lesson is not done yet. */
  locked: z.boolean(),
});
export type LessonSummary = z.infer<typeof LessonSummarySchema>;

export const LessonRulesSchema = z.object({
  completionThreshold: z.number(),
  requireOrder: z.boolean(),
  blockForwardSeek: z.boolean(),
  maxPlaybackRate: z.number(),
  reportEverySec: z.number(),
});
export type LessonRules = z.infer<typeof LessonRulesSchema>;

export const LessonListResponseSchema = z.object({
  lessons: z.array(LessonSummarySchema),
  completedCount: z.number().int().min(0),
  total: z.number().int().min(0),
  allCompleted: z.boolean(),
  rules: LessonRulesSchema,
});
export type LessonListResponse = z.infer<typeof LessonListResponseSchema>;

export const CheckpointViewSchema = z.object({
  atSec: z.number(),
  question: z.string(),
  options: z.array(z.string()),
  /** Practice only: never scored, so the answer travels with the question. */
  correctIndex: z.number().int(),
  explanation: z.string(),
});
export type CheckpointView = z.infer<typeof CheckpointViewSchema>;

export const LessonDetailSchema = z.object({
  id: z.string(),
  order: z.number().int(),
  title: z.string(),
  summary: z.string(),
  durationSec: z.number(),
  sources: z.array(z.object({ src: z.string(), type: z.string() })).min(1),
  posterUrl: z.string(),
  subtitlesUrl: z.string(),
  /** The video already shows the words (a caption band): the player starts with subtitles off. */
  captionsInVideo: z.boolean(),
  transcript: z.string(),
  keyPoints: z.array(z.string()),
  checkpoints: z.array(CheckpointViewSchema),
});
export type LessonDetail = z.infer<typeof LessonDetailSchema>;

export const LessonDetailResponseSchema = z.object({
  lesson: LessonDetailSchema,
  progress: LessonProgressSchema,
  rules: LessonRulesSchema,
  next: z.object({ id: z.string(), title: z.string(), locked: z.boolean() }).nullable(),
  completedCount: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type LessonDetailResponse = z.infer<typeof LessonDetailResponseSchema>;

export const LessonParamsSchema = z.object({ id: idParam });
