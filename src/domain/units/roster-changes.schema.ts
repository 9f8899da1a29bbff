import { z } from "zod";
import { reasonSchema } from "../quiz/overrides.schema";
import { idParam, unitCode } from "../shared/text";

/**
 * After the pack's roster freeze a unit lead's roster import is held as a change an organiser
 * approves or rejects (with a reason, audited); organisers set each unit's official headcount.
 */
export const ROSTER_CHANGE_STATUSES = ["pending", "approved", "rejected", "superseded"] as const;
export const RosterChangeStatusSchema = z.enum(ROSTER_CHANGE_STATUSES);

const iso = z.iso.datetime();
const count = z.number().int().nonnegative();

/** What an import did (or would do) to a unit's list. */
export const RosterTotalsSchema = z.object({
  rows: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  /** Rows now linked to an account (matched by verified phone). */
  matched: z.number().int().nonnegative(),
  rosterSize: z.number().int().nonnegative(),
});
export type RosterTotals = z.infer<typeof RosterTotalsSchema>;

export const RosterChangeSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  requestedByName: z.string().nullable(),
  requestedAt: iso,
  fileName: z.string(),
  /** "Thay thế toàn bộ danh sách cũ": people not in the file would be removed. */
  replace: z.boolean(),
  rosterSizeBefore: count,
  /** The import's totals as if it had been applied when it was sent. */
  preview: RosterTotalsSchema,
  status: RosterChangeStatusSchema,
  decidedAt: iso.nullable(),
  decidedByName: z.string().nullable(),
  reason: z.string().nullable(),
});
export type RosterChange = z.infer<typeof RosterChangeSchema>;

export const RosterChangesResponseSchema = z.object({ changes: z.array(RosterChangeSchema) });
export type RosterChangesResponse = z.infer<typeof RosterChangesResponseSchema>;

export const RosterChangeParamsSchema = z.object({ id: idParam });
export const RosterChangeDecisionRequestSchema = z.object({ approve: z.boolean(), reason: reasonSchema });
export type RosterChangeDecisionRequest = z.infer<typeof RosterChangeDecisionRequestSchema>;
export const RosterChangeDecisionResponseSchema = z.object({
  change: RosterChangeSchema,
  /** What the approved import did to the list (null when rejected). */
  applied: RosterTotalsSchema.nullable(),
});
export type RosterChangeDecisionResponse = z.infer<typeof RosterChangeDecisionResponseSchema>;

/** The roster freeze as the dashboard shows it, and the unit's latest held change. */
export const RosterFreezeSchema = z.object({ at: iso, passed: z.boolean(), latestChange: RosterChangeSchema.nullable() });

export const MAX_HEADCOUNT = 100_000;
export const HeadcountRequestSchema = z.object({
  /** null clears it: the roster alone counts again. */
  headcount: z.number().int("Nhập một số nguyên").min(1, "Ít nhất 1 người").max(MAX_HEADCOUNT, "Tối đa 100.000 người").nullable(),
  reason: reasonSchema,
});
export type HeadcountRequest = z.infer<typeof HeadcountRequestSchema>;
export const HeadcountResponseSchema = z.object({ unitCode, headcount: count.nullable() });
export type HeadcountResponse = z.infer<typeof HeadcountResponseSchema>;
