import { z } from "zod";

/** Same shape as pack.schema's DateSpec (restated: pack.schema imports this file). */
const DateSpecSchema = z.union([
  z.iso.datetime({ offset: true }),
  z.object({ fromNow: z.string().regex(/^[+-]\d+[dhm]$/, 'dạng "+3d", "-2h" hoặc "+30m"') }),
]);

/** What an attachment may be; decided from the file's content, never its name. */
export const ATTACHMENT_KINDS = ["pdf", "docx", "pptx", "xlsx", "jpeg", "png", "mp4"] as const;
export const AttachmentKindSchema = z.enum(ATTACHMENT_KINDS);
export type AttachmentKind = z.infer<typeof AttachmentKindSchema>;

export const FORM_FIELD_TYPES = ["text", "textarea", "number", "url"] as const;

export const FormFieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, "khoá trường: chữ thường, số, _ (tối đa 40)"),
  label: z.string().min(1),
  help: z.string().default(""),
  type: z.enum(FORM_FIELD_TYPES),
  required: z.boolean().default(false),
  maxLength: z.number().int().min(1).max(20_000),
});
export type FormField = z.infer<typeof FormFieldSchema>;

export const AttachmentRulesSchema = z.object({
  kinds: z.array(AttachmentKindSchema).min(1),
  maxFileBytes: z.number().int().min(1),
  maxTotalBytes: z.number().int().min(1),
  maxCount: z.number().int().min(1).max(50),
  /** At least this many files for the entry to be complete. */
  minCount: z.number().int().min(0).default(1),
});
export type AttachmentRules = z.infer<typeof AttachmentRulesSchema>;

/** Who may submit: the units confirmed as qualifiers of this stage (latest confirmation). */
export const EligibilitySchema = z.object({ fromStage: z.string().regex(/^[a-z0-9-]+$/) });

const roundBase = {
  /** Equal to the stage id the round belongs to ("stage2", "stage3"). */
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** Short prefix of entry codes ("V2" → "V2-07"). */
  codePrefix: z.string().regex(/^[A-Z0-9]{1,4}$/),
  eligible: EligibilitySchema,
  fields: z.array(FormFieldSchema).min(1),
  attachments: AttachmentRulesSchema,
  videoLinkRequired: z.boolean().default(false),
};

/** A submission round as written in the pack (Vietnam-time instants or "+6d" for demo packs). */
export const PackEntryRoundSchema = z.object({ ...roundBase, opens: DateSpecSchema, closes: DateSpecSchema });
export const EntriesConfigSchema = z.object({ rounds: z.array(PackEntryRoundSchema).default([]) });

/** A round with its window resolved to ISO instants (what the server and app use). */
export const EntryRoundSchema = z.object({ ...roundBase, opens: z.iso.datetime(), closes: z.iso.datetime() });
export type EntryRound = z.infer<typeof EntryRoundSchema>;
