import { z } from "zod";
import { text, token, unitCode } from "../shared/text";
import { CriterionSchema } from "./jury.config";

/** Round 1 is judged on Stage-2 entries, the final on Stage-3 entries. */
export const JuryRoundSchema = z.enum(["stage2", "stage3"]);
export type JuryRound = z.infer<typeof JuryRoundSchema>;
export const RoundParamsSchema = z.object({ roundId: JuryRoundSchema });
/** The conflicts export: /api/jury/rounds/:roundId/conflicts.:format */
export const ConflictsFileParamsSchema = RoundParamsSchema.extend({ format: z.enum(["csv", "xlsx"]) });
/** The official result's files: /api/prizes/official.:format */
export const OfficialFileParamsSchema = z.object({ format: z.enum(["csv", "xlsx", "pdf"]) });
export const OkResponseSchema = z.object({ ok: z.literal(true) });

export const CONFLICT_KINDS = ["works_there", "worked_there", "family", "advised", "other", "own_unit"] as const;
export const ConflictKindSchema = z.enum(CONFLICT_KINDS);

const reason = text({ min: 3, max: 1000, multiline: true, minMessage: "Vui lòng ghi lý do (ít nhất 3 ký tự)" });
const optionalReason = text({ max: 1000, multiline: true }).optional();
const personId = token(100);

export const PersonSchema = z.object({ userId: z.string(), name: z.string(), unitCode: z.string().nullable(), role: z.string() });
export const PeopleQuerySchema = z.object({ q: text({ min: 2, max: 100 }) });
export const PeopleResponseSchema = z.object({ people: z.array(PersonSchema) });

export const AppointRequestSchema = z.object({ userId: personId });
export const RevokeRequestSchema = z.object({ reason });
export const JudgeParamsSchema = RoundParamsSchema.extend({ userId: personId });

export const JudgeProgressSchema = PersonSchema.extend({
  appointedAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  declaredAt: z.iso.datetime().nullable(),
  conflicts: z.number().int(),
  assigned: z.number().int(),
  drafts: z.number().int(),
  submitted: z.number().int(),
});
export const JudgesResponseSchema = z.object({ roundId: JuryRoundSchema, judges: z.array(JudgeProgressSchema) });

export const ConflictSchema = z.object({
  judgeId: z.string(),
  judgeName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  kind: ConflictKindSchema,
  reason: z.string().nullable(),
  source: z.enum(["judge", "auto", "organizer"]),
  createdAt: z.iso.datetime(),
});
export const ConflictsResponseSchema = z.object({ conflicts: z.array(ConflictSchema) });

/** What a judge declares before seeing entries: one line per conflicted unit (an empty list = none). */
export const DeclarationRequestSchema = z.object({
  conflicts: z.array(z.object({ unitCode, kind: ConflictKindSchema.exclude(["own_unit"]), reason: optionalReason })).max(50),
});
export const OrganizerConflictRequestSchema = z.object({ judgeId: personId, unitCode, kind: ConflictKindSchema.exclude(["own_unit"]), reason });

export const DeclarationViewSchema = z.object({
  roundId: JuryRoundSchema,
  appointed: z.boolean(),
  declaredAt: z.iso.datetime().nullable(),
  /** Units that qualified for this round: the judge declares against these. */
  units: z.array(z.object({ unitCode: z.string(), name: z.string(), conflicted: z.boolean(), kind: ConflictKindSchema.nullable(), automatic: z.boolean() })),
  lookbackYears: z.number().int(),
});

export const CriterionScoreSchema = z.object({ score: z.number().min(0).max(10), comment: text({ max: 2000, multiline: true }).optional() });
export const SheetSaveRequestSchema = z.object({
  scores: z.record(z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/), CriterionScoreSchema),
  comment: text({ max: 4000, multiline: true }).optional(),
  submit: z.boolean().default(false),
});
export const SheetParamsSchema = RoundParamsSchema.extend({ entryId: token(100) });
/** One blind file of one entry: /api/jury/rounds/:roundId/entries/:entryId/files/:fileId */
export const BlindFileParamsSchema = SheetParamsSchema.extend({ fileId: token(100) });
/** Which conflicts export a signed link is for. */
export const ConflictsLinkRequestSchema = z.object({ format: z.enum(["csv", "xlsx"]) });
export const UnlockRequestSchema = z.object({ judgeId: personId, reason });

/** A judge's own sheet for one entry (what saving returns). */
export const SheetSchema = z.object({
  status: z.enum(["draft", "submitted"]),
  scores: z.record(z.string(), CriterionScoreSchema),
  comment: z.string().nullable(),
  total: z.number().nullable(),
  updatedAt: z.iso.datetime(),
});
export const SheetSaveResponseSchema = SheetSchema.nullable();

/** Blind: entry code, title, summary and file names only — never the unit or its representative. */
export const BlindEntrySchema = z.object({
  entryId: z.string(),
  entryCode: z.string(),
  title: z.string(),
  summary: z.string(),
  files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() })),
  sheet: SheetSchema.nullable(),
});
export const JudgeSheetsResponseSchema = z.object({
  roundId: JuryRoundSchema,
  rubric: z.array(CriterionSchema),
  step: z.number(),
  extremes: z.object({ low: z.number(), high: z.number() }),
  entries: z.array(BlindEntrySchema),
});

const MethodRanksSchema = z.object({ judgeCentred: z.number(), rawMean: z.number(), medianRank: z.number(), borda: z.number() });
export const ResultRowSchema = z.object({
  entryId: z.string(),
  entryCode: z.string(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  judges: z.number().int(),
  rawMean: z.number(),
  judgeCentred: z.number(),
  medianRank: z.number(),
  borda: z.number(),
  rank: z.number().int(),
  methodRanks: MethodRanksSchema,
});
export const RoundResultsResponseSchema = z.object({
  roundId: JuryRoundSchema,
  complete: z.boolean(),
  pendingSheets: z.number().int(),
  closed: z.object({ at: z.iso.datetime(), reason: z.string().nullable() }).nullable(),
  namesRevealed: z.boolean(),
  results: z.array(ResultRowSchema),
  flags: z.array(z.object({ entryId: z.string(), entryCode: z.string(), inBy: z.array(z.string()), outBy: z.array(z.string()) })),
  proposedFinalists: z.array(z.string()),
  snapshot: z.object({ sha256: z.string(), createdAt: z.iso.datetime(), finalists: z.array(z.string()), reason: z.string().nullable() }).nullable(),
});
export type RoundResultsResponse = z.infer<typeof RoundResultsResponseSchema>;
export const CloseRoundRequestSchema = z.object({ reason: optionalReason });
export const ConfirmFinalistsRequestSchema = z.object({ entryIds: z.array(token(100)).min(1).max(20), reason: optionalReason });

export const PresenterResponseSchema = z.object({
  order: z.array(z.object({ position: z.number().int(), entryId: z.string(), entryCode: z.string(), unitName: z.string(), title: z.string() })),
  seed: z.string().nullable(),
  current: z.object({ entryId: z.string(), unitName: z.string(), title: z.string(), countdownEndsAt: z.iso.datetime().nullable() }).nullable(),
  serverNow: z.iso.datetime(),
  revealed: z.array(z.object({ rank: z.number().int(), entryId: z.string(), unitName: z.string(), title: z.string(), trimmedMean: z.number() })),
  total: z.number().int(),
});
export type PresenterResponse = z.infer<typeof PresenterResponseSchema>;
export const PresentRequestSchema = z.object({ position: z.number().int().min(1).max(20), minutes: z.number().int().min(1).max(60).default(7) });

export const AwardSchema = z.object({
  prizeName: z.string(),
  amountVnd: z.number(),
  entryId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  title: z.string(),
  summary: z.string(),
  certificateId: z.string().nullable(),
});
export const AllocateRequestSchema = z.object({
  decisionNumber: text({ min: 1, max: 100, minMessage: "Nhập số quyết định" }),
  decisionDate: z.iso.date(),
  reason: optionalReason,
});
export const PrizesResponseSchema = z.object({
  proposed: z.array(AwardSchema),
  official: z.object({ sha256: z.string(), createdAt: z.iso.datetime(), decisionNumber: z.string(), decisionDate: z.string(), awards: z.array(AwardSchema) }).nullable(),
});
/** A winner's entry in the "AI at work" gallery: published only with the unit's consent given in the entry form. */
export const GalleryCaseSchema = z.object({
  prizeName: z.string(),
  unitName: z.string(),
  title: z.string(),
  summary: z.string(),
  /** The entry form's other fields, with the pack's labels, in the form's order (empty ones left out). */
  fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
});
export const HonourResponseSchema = z.object({
  published: z.boolean(),
  awards: z.array(AwardSchema.omit({ entryId: true, certificateId: true })),
  gallery: z.array(GalleryCaseSchema),
});

export const SheetsOverviewResponseSchema = z.object({
  sheets: z.array(z.object({ judgeId: z.string(), entryId: z.string(), entryCode: z.string(), status: z.enum(["none", "draft", "submitted"]) })),
});
export const MyPrizeResponseSchema = z.object({ published: z.boolean(), award: AwardSchema.nullable() });
export const CertificateSchema = z.object({
  id: z.string(),
  kind: z.enum(["award", "participation"]),
  issuedAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  revokeReason: z.string().nullable(),
  sha256: z.string(),
  verifyUrl: z.string(),
  pdfPath: z.string(),
});
export const CertificatesResponseSchema = z.object({ certificates: z.array(CertificateSchema) });
/** A certificate's id: unguessable, URL-safe. */
export const CertificateIdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
export const CertificateRevokeRequestSchema = z.object({ reason: text({ min: 3, max: 1000, multiline: true }) });

/** Demo only (AUTH_DEV): what the "fill the other judges' sheets" shortcut did. */
export const DemoFillSheetsResponseSchema = z.object({ judges: z.number().int(), sheets: z.number().int() });
