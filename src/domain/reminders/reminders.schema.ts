import { z } from "zod";
import { idParam, token } from "../shared/text";
import { AudienceSchema, ChannelIdSchema } from "./reminders.config";
import { SKIP_REASONS } from "./delivery-policy";

// ── In-app inbox ────────────────────────────────────────────────────────────

export const InboxItemSchema = z.object({
  id: z.string(),
  kind: z.enum(["reminder", "nudge"]),
  title: z.string(),
  body: z.string(),
  /** The app page to open from the message. */
  path: z.string(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

export const InboxQuerySchema = z.object({
  /** Opaque: the nextCursor of the previous page. */
  cursor: token(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const InboxResponseSchema = z.object({
  items: z.array(InboxItemSchema),
  unread: z.number().int().nonnegative(),
  nextCursor: z.string().nullable(),
});
export type InboxResponse = z.infer<typeof InboxResponseSchema>;

export const UnreadCountResponseSchema = z.object({ unread: z.number().int().nonnegative() });
export type UnreadCountResponse = z.infer<typeof UnreadCountResponseSchema>;

export const InboxIdParamsSchema = z.object({ id: idParam });

export const MarkReadResponseSchema = z.object({ item: InboxItemSchema, unread: z.number().int().nonnegative() });
export type MarkReadResponse = z.infer<typeof MarkReadResponseSchema>;

// ── Nudge from the chase list ───────────────────────────────────────────────

export const NudgeRequestSchema = z.object({
  userIds: z
    .array(idParam)
    .min(1, "Chọn ít nhất một người")
    .max(200, "Mỗi lần nhắc tối đa 200 người")
    .refine((ids) => new Set(ids).size === ids.length, "Danh sách bị trùng người"),
});
export type NudgeRequest = z.infer<typeof NudgeRequestSchema>;

export const NudgeResponseSchema = z.object({
  /** Queued now: in their inbox at once, pushed through Zalo within Zalo's limits. */
  queued: z.array(z.string()),
  /** Already nudged today (one nudge per person per day, whoever sends it). */
  alreadyToday: z.array(z.string()),
  /** Nothing left to do: not nudged. */
  finished: z.array(z.string()),
});
export type NudgeResponse = z.infer<typeof NudgeResponseSchema>;

// ── Test send (organisers check the channel and the wording on themselves) ─────

export const TestReminderRequestSchema = z.object({ ruleId: idParam });
export const TestReminderResponseSchema = z.object({ item: InboxItemSchema });
export type TestReminderResponse = z.infer<typeof TestReminderResponseSchema>;

// ── Operator view ───────────────────────────────────────────────────────────

export const SkipReasonSchema = z.enum(SKIP_REASONS);
export const DeliveryStatusSchema = z.enum(["queued", "claimed", "sending", "sent", "failed", "unknown", "skipped"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

const Counts = z.object({
  queued: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  /** The request may or may not have reached Zalo (timeout, or the worker stopped mid-send); never re-sent. */
  unknown: z.number().int(),
  skipped: z.number().int(),
});

export const OverviewRuleSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  audience: z.union([AudienceSchema, z.literal("nudge"), z.literal("test")]),
  /** When it fires (null for nudges). */
  at: z.iso.datetime().nullable(),
  /** upcoming; due = the worker has not run since; sent = recipients queued; superseded/late = dropped by the catch-up rule. */
  state: z.enum(["upcoming", "due", "sent", "superseded", "late", "manual"]),
  /** Messages in inboxes. */
  messages: z.number().int(),
  zalo: Counts,
  /** Why pushes were skipped, and how many; also what queued ones are waiting for. */
  skippedBy: z.partialRecord(SkipReasonSchema, z.number().int()),
  waitingBy: z.partialRecord(SkipReasonSchema, z.number().int()),
});
export type OverviewRule = z.infer<typeof OverviewRuleSchema>;

export const ReachSchema = z.object({
  deadlineAt: z.iso.datetime(),
  label: z.string(),
  /** People who still have to finish (lessons or the test). */
  pending: z.number().int(),
  noZaloId: z.number().int(),
  noConsent: z.number().int(),
  inactive: z.number().int(),
  /** Can receive a Zalo push now. */
  eligible: z.number().int(),
  /** Of those, how many fit before the deadline under the daily caps and the send window. */
  reachableInTime: z.number().int(),
  sendDays: z.number().int(),
  capacity: z.number().int(),
});
export type Reach = z.infer<typeof ReachSchema>;

export const OverviewResponseSchema = z.object({
  generatedAt: z.iso.datetime(),
  limits: z.object({
    channels: z.array(ChannelIdSchema),
    /** The Zalo channel has an API key and a template id. */
    zaloConfigured: z.boolean(),
    dailyCap: z.number().int(),
    usedToday: z.number().int(),
    sendWindow: z.string(),
    inWindowNow: z.boolean(),
    activeDays: z.number().int(),
    workerRunning: z.boolean(),
  }),
  rules: z.array(OverviewRuleSchema),
  reach: ReachSchema.nullable(),
  recentProblems: z.array(
    z.object({ ruleId: z.string(), fullName: z.string().nullable(), status: DeliveryStatusSchema, error: z.string().nullable(), at: z.iso.datetime() }),
  ),
});
export type OverviewResponse = z.infer<typeof OverviewResponseSchema>;
