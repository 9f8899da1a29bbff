import { z } from "zod";

export const STAGE_IDS = ["stage1", "stage2", "stage3"] as const;
export const StageIdSchema = z.enum(STAGE_IDS);
export type StageId = z.infer<typeof StageIdSchema>;

export const StageSchema = z.object({
  id: StageIdSchema,
  name: z.string().min(1),
  description: z.string(),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
});
export type Stage = z.infer<typeof StageSchema>;

/** Which ranking a prize follows: the final's, or round 1's among qualified units that did not reach the final. */
export const PRIZE_RANKINGS = ["final", "round1NotFinal"] as const;
export type PrizeRanking = (typeof PRIZE_RANKINGS)[number];

export const PrizeSchema = z.object({
  name: z.string().min(1),
  /** Which ranking the prize is given down (jury feature). */
  ranking: z.enum(PRIZE_RANKINGS).default("final"),
  count: z.number().int().positive(),
  amountVnd: z.number().int().nonnegative(),
  extra: z.string().optional(),
});
export type Prize = z.infer<typeof PrizeSchema>;

export const ContactSchema = z.object({
  kind: z.enum(["phone", "zalo", "email"]),
  label: z.string().min(1),
  value: z.string().min(1),
});
export type Contact = z.infer<typeof ContactSchema>;

/** What GET /api/contest returns. `serverNow` lets the app count down on the server's clock. */
export const ContestResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  organizer: z.string(),
  description: z.string(),
  stages: z.array(StageSchema),
  prizes: z.array(PrizeSchema),
  contacts: z.array(ContactSchema),
  lessonCount: z.number().int().nonnegative(),
  serverNow: z.iso.datetime(),
});
export type ContestResponse = z.infer<typeof ContestResponseSchema>;
