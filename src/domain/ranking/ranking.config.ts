import { z } from "zod";

/**
 * The published ranking formula: composite = wParticipation × participation% + wScore × mean best score%.
 * Ties go to the unit that reached its participation count earlier (then the unit code, so the order is total).
 */
export const RankingConfigSchema = z.object({
  participationWeight: z.number().min(0).max(1).default(0.6),
  scoreWeight: z.number().min(0).max(1).default(0.4),
  qualifiers: z.object({ communes: z.number().int().min(0).default(10), departments: z.number().int().min(0).default(1) }).prefault({}),
  /** An extra sentence shown under the formula in the app (e.g. the article of the rules it comes from). */
  note: z.string().max(400).optional(),
  /** The live leaderboard is recomputed at most this often (it aggregates every lesson and attempt of the city). */
  liveCacheSeconds: z.number().int().min(0).max(600).default(15),
});
export type RankingConfig = z.infer<typeof RankingConfigSchema>;
