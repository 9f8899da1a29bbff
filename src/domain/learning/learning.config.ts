import { z } from "zod";

/** Learning rules from the content pack. */
export const LearningConfigSchema = z.object({
  /** Share of distinct seconds that must be watched for a lesson to count as done. */
  completionThreshold: z.number().min(0.5).max(1).default(0.9),
  /** Lessons must be studied in order. */
  requireOrder: z.boolean().default(false),
  /** Block seeking forward past the furthest watched point. */
  blockForwardSeek: z.boolean().default(true),
  /** Highest playback speed the player allows (and the plausibility rule allows for). */
  maxPlaybackRate: z.number().min(1).max(2).default(1.5),
});
export type LearningConfig = z.infer<typeof LearningConfigSchema>;
