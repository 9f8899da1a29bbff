import { z } from "zod";

/** The test blueprint from the content pack. */
export const QuizBlueprintSchema = z.object({
  questionCount: z.number().int().min(1).max(200).default(30),
  timeLimitMinutes: z.number().int().min(1).max(600).default(30),
  attemptsAllowed: z.number().int().min(1).max(20).default(3),
  countedAttempt: z.enum(["best", "last", "first"]).default("best"),
  cooldownMinutes: z.number().int().min(0).default(0),
  /** Seconds after dueAt during which answer saves are still accepted (network delay). */
  graceSeconds: z.number().int().min(0).max(300).default(30),
  /** When answers and explanations may be reviewed. */
  review: z.enum(["after_stage_close", "after_submit", "never"]).default("after_stage_close"),
  /**
   * Questions drawn per lesson id. Omitted: questionCount spread over the lessons as evenly as
   * possible (see lessonQuota). When given, the counts must add up to questionCount.
   */
  perLesson: z.record(z.string().min(1), z.number().int().min(0)).optional(),
});
export type QuizBlueprint = z.infer<typeof QuizBlueprintSchema>;
