import { z } from "zod";

/** The published ranking formula: composite = wParticipation × participation% + wScore × mean best score%. */
export const RankingConfigSchema = z.object({
  participationWeight: z.number().min(0).max(1).default(0.6),
  scoreWeight: z.number().min(0).max(1).default(0.4),
  qualifiers: z.object({ communes: z.number().int().min(0).default(10), departments: z.number().int().min(0).default(1) }).prefault({}),
});
export type RankingConfig = z.infer<typeof RankingConfigSchema>;
