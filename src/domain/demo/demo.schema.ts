import { z } from "zod";
import { idParam } from "../shared/text";
import { RoleSchema } from "../auth/auth.schema";

/** The demo contest's moments, in order; the demo panel moves the clock between them. */
export const DEMO_MOMENTS = ["s1_open", "s1_last_evening", "s1_closed", "s2_open", "s2_closed", "final", "results"] as const;
export const DemoMomentIdSchema = z.enum(DEMO_MOMENTS);
export type DemoMomentId = z.infer<typeof DemoMomentIdSchema>;

export const DemoMomentSchema = z.object({ id: DemoMomentIdSchema, label: z.string(), hint: z.string(), at: z.iso.datetime() });
export type DemoMoment = z.infer<typeof DemoMomentSchema>;

export const DemoClockResponseSchema = z.object({
  now: z.iso.datetime(),
  /** Demo time − real time, in ms. */
  offsetMs: z.number(),
  moments: z.array(DemoMomentSchema),
  /** The latest moment already reached, or null before the first. */
  current: DemoMomentIdSchema.nullable(),
});
export type DemoClockResponse = z.infer<typeof DemoClockResponseSchema>;

export const DemoClockRequestSchema = z.union([
  z.object({ moment: DemoMomentIdSchema }),
  z.object({ at: z.iso.datetime() }),
  z.object({ reset: z.literal(true) }),
]);
export type DemoClockRequest = z.infer<typeof DemoClockRequestSchema>;

export const DemoAccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  lastActiveAt: z.iso.datetime(),
});
export type DemoAccount = z.infer<typeof DemoAccountSchema>;
/** Params of POST /api/demo/accounts/:id/session. */
export const DemoAccountParamsSchema = z.object({ id: idParam });

export const DemoAccountsResponseSchema = z.object({ accounts: z.array(DemoAccountSchema) });

export const DemoCompleteLessonsResponseSchema = z.object({ completed: z.number().int(), total: z.number().int() });
