import { z } from "zod";
import { idParam, text } from "../shared/text";
import { ContactSchema } from "../contest/contest.schema";

/** One kind of data held about a person (a table or a view of one), with its rows as stored. */
export const PersonalDataSectionSchema = z.object({
  id: z.string(),
  /** Vietnamese heading (also the XLSX sheet name). */
  label: z.string(),
  /** Why it is kept, in Vietnamese. */
  purpose: z.string(),
  rows: z.array(z.record(z.string(), z.unknown())),
});
export type PersonalDataSection = z.infer<typeof PersonalDataSectionSchema>;

export const PersonalDataSchema = z.object({
  userId: z.string(),
  generatedAt: z.iso.datetime(),
  sections: z.array(PersonalDataSectionSchema),
});
export type PersonalData = z.infer<typeof PersonalDataSchema>;

export const PRIVACY_REQUEST_KINDS = ["delete", "correct"] as const;
export const PrivacyRequestKindSchema = z.enum(PRIVACY_REQUEST_KINDS);
export const PrivacyRequestStatusSchema = z.enum(["pending", "completed", "rejected"]);

export const PrivacyRequestSchema = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string().nullable(),
  unitCode: z.string().nullable(),
  kind: PrivacyRequestKindSchema,
  note: z.string().nullable(),
  status: PrivacyRequestStatusSchema,
  createdAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  overdue: z.boolean(),
  decidedAt: z.iso.datetime().nullable(),
  decidedByName: z.string().nullable(),
  response: z.string().nullable(),
});
export type PrivacyRequest = z.infer<typeof PrivacyRequestSchema>;

export const MyPrivacyResponseSchema = z.object({ data: PersonalDataSchema, requests: z.array(PrivacyRequestSchema), responseDays: z.number().int() });
export type MyPrivacyResponse = z.infer<typeof MyPrivacyResponseSchema>;

export const CreatePrivacyRequestSchema = z
  .object({
    kind: PrivacyRequestKindSchema,
    note: text({ max: 1000, multiline: true }).optional(),
  })
  .refine((b) => b.kind !== "correct" || (b.note ?? "").length >= 3, { path: ["note"], message: "Ghi rõ thông tin cần sửa" });
export type CreatePrivacyRequest = z.infer<typeof CreatePrivacyRequestSchema>;

export const PrivacyRequestResponseSchema = z.object({ request: PrivacyRequestSchema });

export const PrivacyRequestsQuerySchema = z.object({ status: z.enum(["pending", "all"]).default("pending") });
export const PrivacyRequestsResponseSchema = z.object({ requests: z.array(PrivacyRequestSchema), responseDays: z.number().int() });
export type PrivacyRequestsResponse = z.infer<typeof PrivacyRequestsResponseSchema>;

export const PrivacyRequestParamsSchema = z.object({ id: idParam });

/** Corrections an organiser may apply to the profile when completing a correction request. */
export const ProfileCorrectionSchema = z.object({
  fullName: text({ min: 2, max: 100 }).optional(),
  subUnit: text({ max: 200 }).nullable().optional(),
  position: text({ max: 200 }).nullable().optional(),
});

export const PrivacyDecisionSchema = z.object({
  action: z.enum(["complete", "reject"]),
  /** What the person is told (required: the decision must be explained). */
  response: text({ min: 3, max: 1000, multiline: true, minMessage: "Ghi rõ kết quả xử lý" }),
  corrections: ProfileCorrectionSchema.optional(),
});
export type PrivacyDecision = z.infer<typeof PrivacyDecisionSchema>;

export const PrivacyNoticeResponseSchema = z.object({
  controller: z.string(),
  contestName: z.string(),
  contacts: z.array(ContactSchema),
  responseDays: z.number().int(),
  retainDaysAfterContest: z.number().int(),
  contestEndsAt: z.iso.datetime(),
  retainUntil: z.iso.datetime(),
});
export type PrivacyNoticeResponse = z.infer<typeof PrivacyNoticeResponseSchema>;

export const RetentionReportSchema = z.object({
  dueAt: z.iso.datetime(),
  due: z.boolean(),
  dryRun: z.boolean(),
  /** How many rows are (or, on a dry run, would be) anonymised or removed, by kind. */
  counts: z.object({ people: z.number().int(), rosterEntries: z.number().int(), claims: z.number().int(), inboxMessages: z.number().int(), requests: z.number().int() }),
  lastRunAt: z.iso.datetime().nullable(),
});
export type RetentionReport = z.infer<typeof RetentionReportSchema>;

export const PrivacySettingsSchema = z.object({
  /** Unit XLSX reports include staff phone numbers (off by default: data minimisation). */
  reportStaffPhones: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
});
export type PrivacySettings = z.infer<typeof PrivacySettingsSchema>;
export const UpdatePrivacySettingsSchema = z.object({ reportStaffPhones: z.boolean() });

export const ExportFormatSchema = z.object({ format: z.enum(["json", "xlsx"]) });
