import { z } from "zod";
import { idParam, text } from "../shared/text";
import { AttemptSummarySchema } from "./quiz.schema";

/** Organisers' overrides of one person's test; every one carries a reason the person is shown. */
export const OVERRIDE_KINDS = ["extra_time", "extra_attempt", "reopen", "void"] as const;
export const OverrideKindSchema = z.enum(OVERRIDE_KINDS);
export type OverrideKind = z.infer<typeof OverrideKindSchema>;

const id = z.string().min(1).max(64);
/** The shortest reason an organiser's audited decision accepts (forms enable their button from it). */
export const REASON_MIN = 5;
export const reasonSchema = text({ min: REASON_MIN, max: 500, multiline: true, minMessage: "Ghi lý do (ít nhất 5 ký tự)", maxMessage: "Lý do tối đa 500 ký tự" });
const minutes = z.number().int().min(1, "Ít nhất 1 phút").max(180, "Tối đa 180 phút");

export const OverrideAttemptParamsSchema = z.object({ id: idParam });
export const OverridePersonParamsSchema = z.object({ userId: idParam });
export const ExtraTimeRequestSchema = z.object({ minutes, reason: reasonSchema });
/** Reopen an attempt that expired through a proven outage: it is active again for `minutes` from now. */
export const ReopenRequestSchema = z.object({ minutes, reason: reasonSchema });
export const ReasonRequestSchema = z.object({ reason: reasonSchema });
export type ExtraTimeRequest = z.infer<typeof ExtraTimeRequestSchema>;

export const OverrideNoticeSchema = z.object({
  id,
  kind: OverrideKindSchema,
  /** The attempt's number (1, 2 …); null for an extra attempt. */
  attemptNumber: z.number().int().nullable(),
  minutes: z.number().int().nullable(),
  reason: z.string(),
  at: z.iso.datetime(),
});
export type OverrideNotice = z.infer<typeof OverrideNoticeSchema>;

export const OverrideResponseSchema = z.object({ override: OverrideNoticeSchema, attempt: AttemptSummarySchema.nullable() });
export type OverrideResponse = z.infer<typeof OverrideResponseSchema>;

/** GET /api/quiz/notices — what organisers changed about my test, and why. */
export const MyOverridesResponseSchema = z.object({ notices: z.array(OverrideNoticeSchema) });
export type MyOverridesResponse = z.infer<typeof MyOverridesResponseSchema>;

/** Focus events of one attempt, for organisers: advisory only, nobody is penalised automatically. */
export const FocusEventsResponseSchema = z.object({
  advisory: z.literal(true),
  note: z.string(),
  attemptId: id,
  events: z.array(z.object({ kind: z.enum(["paused", "resumed"]), at: z.iso.datetime() })),
  pausedCount: z.number().int(),
  /** Total seconds between a pause and the next resume (or the attempt's end). */
  awaySeconds: z.number().int(),
});
export type FocusEventsResponse = z.infer<typeof FocusEventsResponseSchema>;

/** A person's attempts and overrides, for the organiser's person page. */
export const PersonTestSchema = z.object({ attempts: z.array(AttemptSummarySchema), overrides: z.array(OverrideNoticeSchema), extraAttempts: z.number().int() });
export type PersonTest = z.infer<typeof PersonTestSchema>;
