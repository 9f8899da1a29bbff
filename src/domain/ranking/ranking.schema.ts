import { z } from "zod";
import { StageIdSchema } from "../contest/contest.schema";
import { text, token, unitCode } from "../shared/text";
import { BoardSchema } from "../units/unit.schema";

export const RankedUnitSchema = z.object({
  rank: z.number().int().positive().nullable(),
  unitCode: z.string(),
  name: z.string(),
  fullName: z.string(),
  board: BoardSchema,
  hasRoster: z.boolean(),
  rosterCount: z.number().int().nonnegative(),
  /** The official headcount (organisers); absent in snapshots frozen before it existed. */
  headcount: z.number().int().nonnegative().nullable().optional(),
  signedIn: z.number().int().nonnegative(),
  lessonsDone: z.number().int().nonnegative(),
  testDone: z.number().int().nonnegative(),
  participants: z.number().int().nonnegative(),
  participationPct: z.number().nullable(),
  meanScore: z.number().nullable(),
  composite: z.number().nullable(),
  reachedAt: z.iso.datetime().nullable(),
});
export type RankedUnitDto = z.infer<typeof RankedUnitSchema>;

/** The formula as published by the content pack, with its wording for the app. */
export const FormulaSchema = z.object({
  participationWeight: z.number(),
  scoreWeight: z.number(),
  text: z.string(),
  tieBreak: z.string(),
  note: z.string().nullable(),
});
export type Formula = z.infer<typeof FormulaSchema>;

export const LeaderboardQuerySchema = z.object({ board: BoardSchema.default("commune") });

export const LeaderboardResponseSchema = z.object({
  board: BoardSchema,
  /** "snapshot" once Stage 1 is closed: the published, frozen ranking. */
  source: z.enum(["live", "snapshot"]),
  generatedAt: z.iso.datetime(),
  formula: FormulaSchema,
  rows: z.array(RankedUnitSchema),
  myUnitCode: z.string().nullable(),
  /** The frozen ranking once its stage (the participation stage) is closed. */
  snapshot: z.object({ stageId: StageIdSchema, sha256: z.string(), closedAt: z.iso.datetime() }).nullable(),
});
export type LeaderboardResponse = z.infer<typeof LeaderboardResponseSchema>;

/** Any of the pack's stage ids (stage id as data: Stage 2 and 3 use the same routes). */
export const StageParamsSchema = z.object({ stageId: StageIdSchema });

export const QualifiersSchema = z.object({ communes: z.array(z.string()), departments: z.array(z.string()) });

export const SnapshotSchema = z.object({
  stageId: StageIdSchema,
  closedAt: z.iso.datetime(),
  closedByName: z.string().nullable(),
  /** Activity up to this instant (the stage's closing time) is counted. */
  cutoff: z.iso.datetime(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  csvPath: z.string(),
  boards: z.object({ commune: z.array(RankedUnitSchema), department: z.array(RankedUnitSchema) }),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const ConfirmationSchema = z.object({
  unitCodes: z.array(z.string()),
  changed: z.boolean(),
  reason: z.string().nullable(),
  confirmedAt: z.iso.datetime(),
  confirmedByName: z.string().nullable(),
});

export const StageResultResponseSchema = z.object({
  stageId: StageIdSchema,
  stageClosesAt: z.iso.datetime(),
  stageStatus: z.enum(["upcoming", "open", "closed"]),
  snapshot: SnapshotSchema.nullable(),
  proposed: QualifiersSchema.nullable(),
  confirmation: ConfirmationSchema.nullable(),
});
export type StageResultResponse = z.infer<typeof StageResultResponseSchema>;

export const CloseStageResponseSchema = StageResultResponseSchema.extend({
  /** True when the stage had already been closed: nothing was recomputed. */
  alreadyClosed: z.boolean(),
});

export const ConfirmQualifiersRequestSchema = z.object({
  unitCodes: z.array(unitCode).max(200),
  /** Required when the selection differs from the proposal or replaces an earlier confirmation. */
  reason: text({ max: 1000, multiline: true }).optional(),
});
export type ConfirmQualifiersRequest = z.infer<typeof ConfirmQualifiersRequestSchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorName: z.string().nullable(),
  action: z.string(),
  subject: z.string(),
  /** The unit's or person's name when the subject is one (people read names, not codes). */
  subjectName: z.string().nullable().optional(),
  details: z.record(z.string(), z.unknown()),
});
export const AuditResponseSchema = z.object({ entries: z.array(AuditEntrySchema) });
export type AuditResponse = z.infer<typeof AuditResponseSchema>;

export const DownloadLinkResponseSchema = z.object({
  /** Path with a short-lived signed token, to open outside the app (Zalo's downloader or browser). */
  url: z.string(),
  expiresAt: z.iso.datetime(),
});
export type DownloadLinkResponse = z.infer<typeof DownloadLinkResponseSchema>;

export const DownloadQuerySchema = z.object({ token: token(300).optional() });
