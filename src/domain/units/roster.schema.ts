import { z } from "zod";
import { idParam, text, unitCode } from "../shared/text";
import { RosterFreezeSchema, RosterTotalsSchema } from "./roster-changes.schema";
import { BoardSchema } from "./unit.schema";

export const UnitParamsSchema = z.object({ code: unitCode });

/** What went wrong (or was adjusted) on one row of an imported staff list; the app words it in Vietnamese. */
export const ROSTER_PROBLEM_CODES = [
  "missing_name",
  "bad_phone",
  "multiple_phones",
  "duplicate_in_file",
  "phone_in_other_unit",
  "role_ignored",
] as const;
export const RosterProblemCodeSchema = z.enum(ROSTER_PROBLEM_CODES);
export type RosterProblemCode = z.infer<typeof RosterProblemCodeSchema>;

export const RosterProblemSchema = z.object({
  code: RosterProblemCodeSchema,
  /** e.g. raw: the phone as written; line: the first row of a duplicate; unitCode: the other unit. */
  params: z.record(z.string(), z.string()).default({}),
});
export type RosterProblem = z.infer<typeof RosterProblemSchema>;

export const ROSTER_ROW_STATUSES = ["created", "updated", "unchanged", "skipped", "error", "section"] as const;
export const RosterRowStatusSchema = z.enum(ROSTER_ROW_STATUSES);
export type RosterRowStatus = z.infer<typeof RosterRowStatusSchema>;

export const RosterReportRowSchema = z.object({
  /** The row number as the spreadsheet shows it. */
  line: z.number().int().positive(),
  status: RosterRowStatusSchema,
  fullName: z.string().nullable(),
  phone: z.string().nullable(),
  subUnit: z.string().nullable(),
  position: z.string().nullable(),
  problems: z.array(RosterProblemSchema),
});
export type RosterReportRow = z.infer<typeof RosterReportRowSchema>;

export const RosterImportResponseSchema = z.object({
  unitCode: z.string(),
  fileName: z.string(),
  format: z.enum(["csv", "xlsx"]),
  sheet: z.string().nullable(),
  headerLine: z.number().int().positive(),
  /** Which column fed which field (header text as written). */
  columns: z.record(z.string(), z.string()),
  /** The first row of a trailing block (totals, signatures) that was not read, if any. */
  ignoredFromLine: z.number().int().positive().nullable(),
  replace: z.boolean(),
  /** After the roster freeze a unit lead's import is held for an organiser: its id; the totals are a preview. */
  heldForApproval: z.object({ changeId: z.string() }).nullable(),
  totals: RosterTotalsSchema,
  rows: z.array(RosterReportRowSchema),
});
export type RosterImportResponse = z.infer<typeof RosterImportResponseSchema>;

export const RosterImportQuerySchema = z.object({
  /** Replace the whole list: rows not in the file are removed (accepted claims are kept). */
  replace: z.enum(["0", "1", "true", "false"]).default("0").transform((v) => v === "1" || v === "true"),
});

export const MISSING_STEPS = ["sign_in", "lessons", "test"] as const;
export const MissingStepSchema = z.enum(MISSING_STEPS);
export type MissingStep = z.infer<typeof MissingStepSchema>;

/** One person on the chase list; userId lets other features (reminders) act on them. */
export const ChaseItemSchema = z.object({
  entryId: z.string(),
  userId: z.string().nullable(),
  fullName: z.string(),
  subUnit: z.string().nullable(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  lessonsDone: z.number().int().nonnegative(),
  testDone: z.boolean(),
  missing: z.array(MissingStepSchema).min(1),
});
export type ChaseItem = z.infer<typeof ChaseItemSchema>;

export const SubUnitStatsSchema = z.object({
  /** null: people whose row names no sub-unit. */
  subUnit: z.string().nullable(),
  roster: z.number().int().nonnegative(),
  participants: z.number().int().nonnegative(),
  participationPct: z.number(),
});
export type SubUnitStats = z.infer<typeof SubUnitStatsSchema>;

export const DashboardResponseSchema = z.object({
  unit: z.object({ code: z.string(), name: z.string(), fullName: z.string(), board: BoardSchema }),
  generatedAt: z.iso.datetime(),
  lessonCount: z.number().int().positive(),
  counts: z.object({
    roster: z.number().int().nonnegative(),
    signedIn: z.number().int().nonnegative(),
    lessonsDone: z.number().int().nonnegative(),
    testDone: z.number().int().nonnegative(),
    participants: z.number().int().nonnegative(),
    /** Accounts that chose this unit but are not on its roster (not counted until matched or claimed). */
    notOnRoster: z.number().int().nonnegative(),
    pendingClaims: z.number().int().nonnegative(),
  }),
  /** Over the larger of the roster and the official headcount (null: no roster). */
  participationPct: z.number().nullable(),
  /** The official headcount an organiser set (null: none). */
  headcount: z.number().int().nonnegative().nullable(),
  rosterFreeze: RosterFreezeSchema,
  meanScore: z.number().nullable(),
  rank: z.object({ rank: z.number().int().positive(), of: z.number().int().positive(), board: BoardSchema }).nullable(),
  rosterUpdatedAt: z.iso.datetime().nullable(),
  bySubUnit: z.array(SubUnitStatsSchema),
  chase: z.array(ChaseItemSchema),
});
export type DashboardResponse = z.infer<typeof DashboardResponseSchema>;

export const CLAIM_STATUSES = ["pending", "approved", "rejected"] as const;
export const ClaimSchema = z.object({
  id: z.string(),
  userId: z.string(),
  unitCode: z.string(),
  fullName: z.string().nullable(),
  phone: z.string().nullable(),
  subUnit: z.string().nullable(),
  position: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(CLAIM_STATUSES),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const CreateClaimRequestSchema = z.object({
  subUnit: text({ max: 120 }).nullable().optional(),
  position: text({ max: 120 }).nullable().optional(),
  note: text({ max: 500, multiline: true }).nullable().optional(),
});
export type CreateClaimRequest = z.infer<typeof CreateClaimRequestSchema>;

export const ClaimResponseSchema = z.object({ claim: ClaimSchema });
export const ClaimsResponseSchema = z.object({ claims: z.array(ClaimSchema) });
export const ClaimParamsSchema = UnitParamsSchema.extend({ id: idParam });
export const ClaimDecisionRequestSchema = z.object({ approve: z.boolean() });

/** A person's own standing: what they have done and whether their unit's roster knows them. */
export const MyStatusResponseSchema = z.object({
  unitCode: z.string().nullable(),
  onRoster: z.boolean(),
  rosterUnitCode: z.string().nullable(),
  lessonCount: z.number().int().positive(),
  lessonsDone: z.number().int().nonnegative(),
  testDone: z.boolean(),
  countedScore: z.number().nullable(),
  participated: z.boolean(),
  claim: ClaimSchema.nullable(),
});
export type MyStatusResponse = z.infer<typeof MyStatusResponseSchema>;

export const UnitMemberSchema = z.object({
  userId: z.string(),
  fullName: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.enum(["staff", "unit_lead", "organizer", "judge"]),
  subUnit: z.string().nullable(),
  onRoster: z.boolean(),
});
export const UnitMembersResponseSchema = z.object({ members: z.array(UnitMemberSchema) });
export type UnitMembersResponse = z.infer<typeof UnitMembersResponseSchema>;
