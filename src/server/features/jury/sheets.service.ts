import type { z } from "zod";
import { commentRequired, isOnStep, weightedScore } from "../../../domain/jury/scoring";
import type { JuryRound, SheetSaveRequestSchema } from "../../../domain/jury/jury.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import type { UserRow } from "../auth";
import { blindName } from "../entries";
import { conflictedUnits, requireJudge } from "./judges.service";
import { juryAudit } from "./jury-audit";
import { activeJudges, conflictsOf, findRound, findSheet, qualifiedUnits, sheetsOf, type SubmittedEntry, submittedEntries, usersByIds } from "./jury.repository";
import type { JurySheetRow } from "./jury.table";

type Ctx = Pick<AppContext, "db" | "pack" | "clock">;
type Scores = Record<string, { score: number; comment?: string }>;

/** The entries of a round: round 1 every submitted Stage-2 entry; the final only the finalists' Stage-3 entries. */
export async function roundEntries(ctx: Ctx, roundId: JuryRound): Promise<SubmittedEntry[]> {
  const entries = await submittedEntries(ctx.db, roundId);
  if (roundId === "stage2") return entries;
  const finalists = new Set(await qualifiedUnits(ctx.db, ctx.pack.entries.rounds, "stage3"));
  return entries.filter((e) => finalists.has(e.unitCode));
}

const sheetView = (s: JurySheetRow | undefined) =>
  s ? { status: s.status as "draft" | "submitted", scores: JSON.parse(s.scores) as Scores, comment: s.comment, total: s.total, updatedAt: s.updatedAt } : null;

/** Blind: a judge sees entry code, title, summary and file names of entries they are not conflicted with. */
export async function judgeSheets(ctx: Ctx, user: UserRow, roundId: JuryRound) {
  const a = await requireJudge(ctx, user, roundId);
  if (!a.declaredAt) throw new AppError(409, "DECLARATION_REQUIRED", "Declare conflicts of interest first");
  const blocked = await conflictedUnits(ctx, roundId, user);
  const [entries, sheets] = await Promise.all([roundEntries(ctx, roundId), sheetsOf(ctx.db, roundId, user.id)]);
  const { rubric, step, extremes } = ctx.pack.jury;
  return {
    roundId,
    rubric,
    step,
    extremes,
    entries: entries
      .filter((e) => !blocked.has(e.unitCode))
      .map((e) => ({
        entryId: e.entryId,
        entryCode: e.entryCode,
        title: e.title,
        summary: e.summary,
        // The blind name (entry code and position): an uploaded file's own name may well name the unit.
        files: e.files.map((f, i) => ({ id: f.id, name: blindName(e.entryCode, i, f.mime), size: f.size, mime: f.mime })),
        sheet: sheetView(sheets.find((s) => s.entryId === e.entryId)),
      })),
  };
}

/** The entry must be one the judge may score (exists in the round and not conflicted). */
async function assignedEntry(ctx: Ctx, user: UserRow, roundId: JuryRound, entryId: string): Promise<SubmittedEntry> {
  const entry = (await roundEntries(ctx, roundId)).find((e) => e.entryId === entryId);
  // Same answer for "no such entry" and "conflicted": a conflicted judge learns nothing about it.
  if (!entry || (await conflictedUnits(ctx, roundId, user)).has(entry.unitCode)) throw new AppError(404, "NOT_FOUND", "No such entry for you");
  return entry;
}

function checkScores(ctx: Ctx, scores: Scores, complete: boolean): Record<string, string> {
  const { rubric, step, extremes } = ctx.pack.jury;
  const problems: Record<string, string> = {};
  const keys = new Set(rubric.map((c) => c.key));
  for (const k of Object.keys(scores)) if (!keys.has(k)) problems[`scores.${k}`] = "Tiêu chí không có trong thang điểm.";
  for (const c of rubric) {
    const s = scores[c.key];
    if (!s) {
      if (complete) problems[`scores.${c.key}`] = `Chưa chấm tiêu chí “${c.name}”.`;
      continue;
    }
    if (!isOnStep(s.score, step)) problems[`scores.${c.key}`] = `Điểm từ 0 đến 10, bước ${step}.`;
    else if (complete && commentRequired(s.score, extremes) && !s.comment?.trim())
      problems[`scores.${c.key}.comment`] = `Điểm ≤ ${extremes.low} hoặc ≥ ${extremes.high} cần có nhận xét (“${c.name}”).`;
  }
  return problems;
}

export async function saveSheet(ctx: Ctx, user: UserRow, roundId: JuryRound, entryId: string, req: z.infer<typeof SheetSaveRequestSchema>) {
  const a = await requireJudge(ctx, user, roundId);
  if (!a.declaredAt) throw new AppError(409, "DECLARATION_REQUIRED", "Declare conflicts of interest first");
  const round = await findRound(ctx.db, roundId);
  if (round?.closedAt) throw new AppError(409, "ROUND_CLOSED", "The round is closed");
  await assignedEntry(ctx, user, roundId, entryId);
  const problems = checkScores(ctx, req.scores, req.submit);
  if (Object.keys(problems).length) throw new AppError(400, "VALIDATION_FAILED", "Scores are not valid", problems);
  const now = ctx.clock.now();
  const existing = await findSheet(ctx.db, roundId, user.id, entryId);
  if (existing?.status === "submitted") throw new AppError(409, "SHEET_LOCKED", "Submitted sheets are locked; ask an organiser to unlock");
  const complete = ctx.pack.jury.rubric.every((c) => req.scores[c.key]);
  const total = complete ? weightedScore(Object.fromEntries(Object.entries(req.scores).map(([k, v]) => [k, v.score])), ctx.pack.jury.rubric) : null;
  const values = {
    scores: JSON.stringify(req.scores),
    total,
    comment: req.comment?.trim() || null,
    status: req.submit ? "submitted" : "draft",
    updatedAt: now.toISOString(),
    submittedAt: req.submit ? now.toISOString() : null,
  };
  if (existing) {
    // Optimistic: a concurrent submit of the same sheet wins once; the other sees the lock.
    const res = await ctx.db
      .updateTable("jurySheets")
      .set({ ...values, version: existing.version + 1 })
      .where("roundId", "=", roundId)
      .where("judgeId", "=", user.id)
      .where("entryId", "=", entryId)
      .where("version", "=", existing.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, "CONFLICT", "The sheet changed meanwhile");
  } else {
    await ctx.db.insertInto("jurySheets").values({ roundId, judgeId: user.id, entryId, version: 1, ...values }).execute();
  }
  if (req.submit) await juryAudit(ctx.db, user.id, "jury.sheet.submit", `${roundId}:${user.id}:${entryId}`, { roundId, entryId, scores: req.scores, total, comment: values.comment }, now);
  return sheetView(await findSheet(ctx.db, roundId, user.id, entryId));
}

/** Organiser only: reopen one judge's submitted sheet; the audit keeps the old values (the resubmission logs the new). */
export async function unlockSheet(ctx: Ctx, actor: UserRow, roundId: JuryRound, entryId: string, judgeId: string, reason: string) {
  const round = await findRound(ctx.db, roundId);
  if (round?.closedAt) throw new AppError(409, "ROUND_CLOSED", "The round is closed");
  const s = await findSheet(ctx.db, roundId, judgeId, entryId);
  if (!s) throw new AppError(404, "NOT_FOUND", "No such sheet");
  if (s.status !== "submitted") throw new AppError(409, "CONFLICT", "The sheet is not submitted");
  const now = ctx.clock.now();
  await ctx.db
    .updateTable("jurySheets")
    .set({ status: "draft", submittedAt: null, version: s.version + 1, updatedAt: now.toISOString() })
    .where("roundId", "=", roundId)
    .where("judgeId", "=", judgeId)
    .where("entryId", "=", entryId)
    .execute();
  await juryAudit(ctx.db, actor.id, "jury.sheet.unlock", `${roundId}:${judgeId}:${entryId}`, { roundId, judgeId, entryId, reason, old: { scores: JSON.parse(s.scores), total: s.total, comment: s.comment, submittedAt: s.submittedAt } }, now);
}

/** Every (active judge, non-conflicted entry) pair, and which of them are submitted. */
export async function roundProgress(ctx: Ctx, roundId: JuryRound) {
  const [judges, entries, sheets, conflicts] = await Promise.all([activeJudges(ctx.db, roundId), roundEntries(ctx, roundId), sheetsOf(ctx.db, roundId), conflictsOf(ctx.db, roundId)]);
  const users = await usersByIds(ctx.db, judges.map((j) => j.userId));
  const pairs = judges.flatMap((j) => {
    const own = users.find((u) => u.id === j.userId)?.unitCode;
    const blocked = new Set(conflicts.filter((c) => c.judgeId === j.userId).map((c) => c.unitCode));
    return entries.filter((e) => e.unitCode !== own && !blocked.has(e.unitCode)).map((e) => ({ judgeId: j.userId, entry: e }));
  });
  const submitted = pairs.flatMap((p) => {
    const s = sheets.find((x) => x.judgeId === p.judgeId && x.entryId === p.entry.entryId && x.status === "submitted");
    return s ? [{ ...p, sheet: s }] : [];
  });
  return { entries, pairs, submitted, pending: pairs.length - submitted.length };
}

/** Organisers: every expected sheet by judge and entry code (status only, no scores), for progress and unlocking. */
export async function sheetsOverview(ctx: Ctx, roundId: JuryRound) {
  const p = await roundProgress(ctx, roundId);
  const sheets = await sheetsOf(ctx.db, roundId);
  return p.pairs.map((x) => {
    const s = sheets.find((y) => y.judgeId === x.judgeId && y.entryId === x.entry.entryId);
    return { judgeId: x.judgeId, entryId: x.entry.entryId, entryCode: x.entry.entryCode, status: (s?.status ?? "none") as "none" | "draft" | "submitted" };
  });
}
