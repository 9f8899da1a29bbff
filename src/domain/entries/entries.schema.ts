import { z } from "zod";
import { idParam, isWellFormedText, text as sharedText, token, unitCode } from "../shared/text";
import { UserSchema } from "../auth/auth.schema";
import { ApiErrorSchema } from "../shared/errors";
import { normalizePhone } from "../shared/phone";
import { EntryRoundSchema } from "./entries.config";
import { normaliseText } from "./text-rules";

/** Absolute cap on any one text value; each field's own limit (from the pack) is checked by the round. */
export const TEXT_HARD_MAX = 20_000;

// Drafts are saved as people type: no trimming here; control/bidi characters are refused by the round's rules (text-rules.ts),
// and a lone surrogate (broken paste) here, as the shared text schema does.
const text = (max: number) =>
  z
    .string()
    .max(max, `Tối đa ${max.toLocaleString("vi-VN")} ký tự.`)
    .refine(isWellFormedText, "Văn bản chứa ký tự không hợp lệ")
    .transform(normaliseText);

export const RepresentativeSchema = z.object({
  fullName: text(100).default(""),
  position: text(150).default(""),
  phone: text(20).default(""),
  email: text(200).default(""),
  /** Law 91/2025/QH15: informed, unticked by default, withdrawable. */
  consent: z.boolean().default(false),
  /** Separate and optional: show the entry in the public gallery after judging. */
  publishConsent: z.boolean().default(false),
});
export type Representative = z.infer<typeof RepresentativeSchema>;

export const EntryDraftSchema = z.object({
  fields: z.record(z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, "Khoá trường không hợp lệ"), text(TEXT_HARD_MAX)).default({}),
  videoUrl: text(500).default(""),
  representative: RepresentativeSchema.prefault({}),
});
export type EntryDraft = z.infer<typeof EntryDraftSchema>;

export const emptyDraft = (): EntryDraft => EntryDraftSchema.parse({});

export const isValidEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v);
export const isValidPhone = (v: string) => normalizePhone(v) !== null;
export const isValidUrl = (v: string) => /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v);

export const ENTRY_STATUSES = ["draft", "submitted", "withdrawn"] as const;
export const EntryStatusSchema = z.enum(ENTRY_STATUSES);
export type EntryStatus = z.infer<typeof EntryStatusSchema>;
/** What an organiser sees per unit: no row yet, or past the deadline without a submission. */
export const UnitEntryStateSchema = z.enum(["not_started", "draft", "submitted", "withdrawn", "late"]);
export type UnitEntryState = z.infer<typeof UnitEntryStateSchema>;

export const EntryFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  mime: z.string(),
  createdAt: z.iso.datetime(),
});
export type EntryFile = z.infer<typeof EntryFileSchema>;

export const MissingItemSchema = z.object({ key: z.string(), label: z.string() });
export type MissingItem = z.infer<typeof MissingItemSchema>;

export const ReceiptSchema = z.object({
  entryCode: z.string(),
  roundId: z.string(),
  roundName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  version: z.number().int(),
  submittedAt: z.iso.datetime(),
  files: z.array(z.object({ name: z.string(), size: z.number().int(), sha256: z.string() })),
  /** SHA-256 of the canonical JSON of the whole submission (form, representative, file hashes). */
  sha256: z.string(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

export const RoundParamsSchema = z.object({ round: z.string().regex(/^[a-z0-9-]{1,40}$/) });
export const EntryParamsSchema = RoundParamsSchema.extend({ unit: unitCode });
export const FileParamsSchema = EntryParamsSchema.extend({ fileId: idParam });
export const TokenParamsSchema = z.object({ token: token(400, 10) });
export const DownloadQuerySchema = z.object({ token: token(400).optional() });
export const ExportQuerySchema = DownloadQuerySchema.extend({ unit: unitCode.optional() });

export const EntryViewSchema = z.object({
  round: EntryRoundSchema,
  unit: z.object({ code: z.string(), name: z.string() }),
  status: UnitEntryStateSchema,
  entryId: z.string().nullable(),
  entryCode: z.string().nullable(),
  version: z.number().int(),
  draft: EntryDraftSchema,
  files: z.array(EntryFileSchema),
  contributors: z.array(z.object({ userId: z.string(), name: z.string() })),
  updatedAt: z.iso.datetime().nullable(),
  deadline: z.iso.datetime(),
  serverNow: z.iso.datetime(),
  canEdit: z.boolean(),
  missing: z.array(MissingItemSchema),
  receipt: ReceiptSchema.nullable(),
});
export type EntryView = z.infer<typeof EntryViewSchema>;

export const JoinRequestSchema = z.object({ invite: token(400, 10) });

export const SaveDraftRequestSchema = z.object({ baseVersion: z.number().int().min(0), draft: EntryDraftSchema });
export type SaveDraftRequest = z.input<typeof SaveDraftRequestSchema>;
export const SaveDraftResponseSchema = z.object({ version: z.number().int(), updatedAt: z.iso.datetime(), missing: z.array(MissingItemSchema) });
export type SaveDraftResponse = z.infer<typeof SaveDraftResponseSchema>;
/** 409 on a stale save: the text now on the server, so the app can show what changed. */
export const DraftConflictSchema = ApiErrorSchema.extend({
  current: z.object({ version: z.number().int(), draft: EntryDraftSchema, updatedAt: z.iso.datetime().nullable(), updatedBy: z.string().nullable() }).optional(),
});
export type DraftConflict = z.infer<typeof DraftConflictSchema>;

export const UploadTokenResponseSchema = z.object({ url: z.string(), expiresAt: z.iso.datetime() });
export const UploadResponseSchema = z.object({ file: EntryFileSchema, deduplicated: z.boolean() });
export type UploadResponse = z.infer<typeof UploadResponseSchema>;
export const RemoveFileResponseSchema = z.object({ removed: z.boolean() });

export const SubmitRequestSchema = z.object({ version: z.number().int().min(1) });
export const ReceiptResponseSchema = z.object({ receipt: ReceiptSchema });
export const WithdrawResponseSchema = z.object({ status: EntryStatusSchema });

export const ExtendDeadlineRequestSchema = z.object({
  unit: unitCode,
  until: z.iso.datetime({ offset: true }),
  reason: sharedText({ min: 5, max: 500, multiline: true, minMessage: "Vui lòng ghi lý do (ít nhất 5 ký tự)." }),
});
export const ExtendDeadlineResponseSchema = z.object({ unit: z.string(), deadline: z.iso.datetime() });

export const InviteLinkResponseSchema = z.object({ url: z.string(), expiresAt: z.iso.datetime() });
export const InvitationsResponseSchema = z.object({ units: z.number().int(), queued: z.number().int() });
export const DownloadLinkRequestSchema = z.object({ path: token(300) });
export const DownloadLinkResponseSchema = z.object({ url: z.string(), expiresAt: z.iso.datetime() });

export const RoundUnitRowSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  status: UnitEntryStateSchema,
  entryCode: z.string().nullable(),
  complete: z.boolean(),
  missing: z.array(MissingItemSchema),
  fileCount: z.number().int(),
  lastActivityAt: z.iso.datetime().nullable(),
  contributors: z.array(z.string()),
  deadline: z.iso.datetime(),
});
export type RoundUnitRow = z.infer<typeof RoundUnitRowSchema>;
export const RoundOverviewResponseSchema = z.object({ round: EntryRoundSchema, serverNow: z.iso.datetime(), units: z.array(RoundUnitRowSchema) });
export type RoundOverviewResponse = z.infer<typeof RoundOverviewResponseSchema>;

export const RoundsResponseSchema = z.object({
  serverNow: z.iso.datetime(),
  /** The demo sign-in is on: the app offers to let my unit into a round with one tap. */
  demo: z.boolean(),
  rounds: z.array(z.object({ round: EntryRoundSchema, myUnit: z.object({ code: z.string(), eligible: z.boolean(), status: UnitEntryStateSchema }).nullable() })),
});
export type RoundsResponse = z.infer<typeof RoundsResponseSchema>;

// ── Desktop browser sign-in (office PCs): a one-time code confirmed in the mini app ──
export const DesktopCodeResponseSchema = z.object({ code: z.string(), pollToken: z.string(), expiresAt: z.iso.datetime() });
export const DesktopPollParamsSchema = z.object({ pollToken: token(100, 20) });
export const DesktopPollResponseSchema = z.object({ status: z.enum(["waiting", "confirmed"]), session: z.object({ token: z.string(), user: UserSchema }).optional() });
export const DesktopConfirmRequestSchema = z.object({ code: z.string().trim().regex(/^\d{3}\s?\d{3}$/, "Mã gồm 6 chữ số.") });
export const DesktopConfirmResponseSchema = z.object({ confirmed: z.boolean() });
