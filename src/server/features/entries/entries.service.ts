import { createHash, randomUUID } from "node:crypto";
import { canonicalJson, draftProblems, entryCodeOf, missingItems } from "../../../domain/entries/completeness";
import type { EntryRound } from "../../../domain/entries/entries.config";
import type { EntryDraft, EntryFile, EntryView, Receipt, SaveDraftResponse, UnitEntryState } from "../../../domain/entries/entries.schema";
import { emptyDraft } from "../../../domain/entries/entries.schema";
import { AppError } from "../../shared/app-error";
import type { UserRow } from "../auth";
import { isUniqueViolation } from "../../db/errors";
import { accessEntry, type Ctx, deadlineOf, roundOf, unitOf, assertEligible, assertWritable } from "./entries-access";
import { notifyReceipt } from "./entries-inbox";
import { verifyInvite } from "./entries-tokens";
import {
  activeFiles,
  addContributor,
  assignEntryCode,
  contributorsOf,
  ensureEntry,
  findEntryById,
  latestSubmittedVersion,
  parseDraft,
  saveDraftIfCurrent,
} from "./entries.repository";
import type { EntryFileRow, EntryRow } from "./entries.table";

export const fileView = (f: EntryFileRow): EntryFile => ({ id: f.id, name: f.name, size: f.size, sha256: f.sha256, mime: f.mime, createdAt: f.createdAt });

export function stateOf(entry: EntryRow | undefined, deadline: string, now: Date): UnitEntryState {
  if (entry?.status === "submitted") return "submitted";
  if (now.getTime() > Date.parse(deadline)) return "late";
  if (!entry) return "not_started";
  return entry.status === "withdrawn" ? "withdrawn" : entry.version > 0 ? "draft" : "not_started";
}

export async function receiptOf(ctx: Ctx, round: EntryRound, entry: EntryRow): Promise<Receipt | null> {
  if (entry.status !== "submitted") return null;
  const v = await latestSubmittedVersion(ctx.db, entry);
  if (!v || !entry.entryCode || !entry.submittedAt || !v.sha256) return null;
  return {
    entryCode: entry.entryCode,
    roundId: round.id,
    roundName: round.name,
    unitCode: entry.unitCode,
    unitName: unitOf(ctx, entry.unitCode).name,
    version: v.version,
    submittedAt: entry.submittedAt,
    files: (JSON.parse(v.filesJson) as EntryFile[]).map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 })),
    sha256: v.sha256,
  };
}

export async function entryView(ctx: Ctx, user: UserRow, roundId: string, unitCode: string): Promise<EntryView> {
  const { round, unit, entry, canEdit } = await accessEntry(ctx, user, roundId, unitCode, "read");
  const now = ctx.clock.now();
  const draft = entry ? parseDraft(entry.draftJson) : emptyDraft();
  const files = entry ? await activeFiles(ctx.db, entry.id) : [];
  const contributors = entry ? await contributorsOf(ctx.db, [entry.id]) : [];
  const deadline = deadlineOf(round, entry);
  return {
    round,
    unit: { code: unit.code, name: unit.name },
    status: stateOf(entry, deadline, now),
    entryId: entry?.id ?? null,
    entryCode: entry?.entryCode ?? null,
    version: entry?.version ?? 0,
    draft,
    files: files.map(fileView),
    contributors: contributors.map((c) => ({ userId: c.userId, name: c.fullName ?? c.zaloName ?? "Cán bộ" })),
    updatedAt: entry?.version ? entry.updatedAt : null,
    deadline,
    serverNow: now.toISOString(),
    canEdit: canEdit && now.getTime() >= Date.parse(round.opens) && now.getTime() <= Date.parse(deadline),
    missing: missingItems(round, draft, files.length),
    receipt: entry ? await receiptOf(ctx, round, entry) : null,
  };
}

/** Opening the chat link: the invite binds this person to the unit's entry team. */
export async function joinByInvite(ctx: Ctx, user: UserRow, roundId: string, unitCode: string, invite: string): Promise<EntryView> {
  const now = ctx.clock.now();
  const check = verifyInvite(ctx.env.SESSION_SECRET, invite, now);
  if (!check.ok && check.reason === "expired") throw new AppError(410, "ENTRY_INVITE_EXPIRED", "The invitation expired with the round");
  if (!check.ok || check.round !== roundId || check.unit !== unitCode) throw new AppError(403, "ENTRY_INVITE_INVALID", "Not a valid invitation for this entry");
  const round = roundOf(ctx, roundId);
  unitOf(ctx, unitCode);
  if (user.role !== "organizer" && user.unitCode !== unitCode) throw new AppError(403, "ENTRY_INVITE_OTHER_UNIT", "This invitation is for another unit's staff");
  await assertEligible(ctx, round, unitCode);
  if (user.role === "staff" || user.role === "unit_lead") {
    const entry = await ensureEntry(ctx.db, round.id, unitCode, now);
    await addContributor(ctx.db, entry.id, user.id, user.role === "unit_lead" ? "lead" : "invite", now);
  }
  return entryView(ctx, user, roundId, unitCode);
}

export class DraftConflictError extends AppError {
  constructor(readonly current: { version: number; draft: EntryDraft; updatedAt: string | null; updatedBy: string | null }) {
    super(409, "ENTRY_VERSION_CONFLICT", "Someone saved this entry since the version you edited");
  }
}

async function conflictOf(ctx: Ctx, entryId: string): Promise<DraftConflictError> {
  const e = (await findEntryById(ctx.db, entryId)) as EntryRow;
  const by = e.updatedBy ? await ctx.db.selectFrom("users").select(["fullName", "zaloName"]).where("id", "=", e.updatedBy).executeTakeFirst() : undefined;
  return new DraftConflictError({ version: e.version, draft: parseDraft(e.draftJson), updatedAt: e.updatedAt, updatedBy: by?.fullName ?? by?.zaloName ?? null });
}

export async function saveDraft(ctx: Ctx, user: UserRow, roundId: string, unitCode: string, baseVersion: number, draft: EntryDraft): Promise<SaveDraftResponse> {
  const { round, entry } = await accessEntry(ctx, user, roundId, unitCode, "write");
  const e = entry as EntryRow;
  assertWritable(ctx, round, e);
  if (e.status === "submitted") throw new AppError(409, "ENTRY_ALREADY_SUBMITTED", "Withdraw the submission before editing");
  const problems = draftProblems(round, draft);
  if (Object.keys(problems).length) throw new AppError(400, "VALIDATION_FAILED", "Some fields are not valid", problems);
  const now = ctx.clock.now();
  const version = await saveDraftIfCurrent(ctx.db, e.id, baseVersion, draft, user.id, now);
  if (version === null) throw await conflictOf(ctx, e.id);
  const files = await activeFiles(ctx.db, e.id);
  return { version, updatedAt: now.toISOString(), missing: missingItems(round, draft, files.length) };
}

/**
 * Submit: the current draft must be the version the person saw, complete, before the deadline.
 * The version is frozen with its files and hashed; the receipt goes to the inbox of the team.
 */
export async function submitEntry(ctx: Ctx, user: UserRow, roundId: string, unitCode: string, version: number): Promise<Receipt> {
  const { round, unit, entry } = await accessEntry(ctx, user, roundId, unitCode, "write");
  let e = entry as EntryRow;
  assertWritable(ctx, round, e);
  if (e.status === "submitted") throw new AppError(409, "ENTRY_ALREADY_SUBMITTED", "This entry is already submitted");
  if (e.version !== version) throw await conflictOf(ctx, e.id);
  const draft = parseDraft(e.draftJson);
  const files = await activeFiles(ctx.db, e.id);
  const missing = missingItems(round, draft, files.length);
  if (missing.length) throw new AppError(422, "ENTRY_INCOMPLETE", "The entry is not complete", Object.fromEntries(missing.map((m) => [m.key, m.label])));
  const entryCode = await assignEntryCode(ctx.db, e, (n) => entryCodeOf(round.codePrefix, n), isUniqueViolation);
  const now = ctx.clock.now();
  const fileList = files.map(fileView);
  const sha256 = createHash("sha256")
    .update(
      canonicalJson({
        round: round.id,
        unit: unit.code,
        entryCode,
        version,
        fields: draft.fields,
        videoUrl: draft.videoUrl,
        representative: draft.representative,
        files: fileList.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 })),
      }),
    )
    .digest("hex");
  const versionId = randomUUID();
  const submitted = await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("entries")
      .set({ status: "submitted", submittedVersionId: versionId, submittedAt: now.toISOString(), updatedAt: now.toISOString(), updatedBy: user.id })
      .where("id", "=", e.id)
      .where("version", "=", version)
      .where("status", "!=", "submitted")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto("entryVersions")
      .values({ id: versionId, entryId: e.id, version, fieldsJson: JSON.stringify(draft.fields), representativeJson: JSON.stringify({ ...draft.representative, videoUrl: draft.videoUrl }), filesJson: JSON.stringify(fileList), submitted: 1, sha256, createdBy: user.id, createdAt: now.toISOString() })
      .execute();
    return true;
  });
  // A double tap: the other request froze it first.
  if (!submitted) throw new AppError(409, "ENTRY_ALREADY_SUBMITTED", "This entry was just submitted");
  e = (await findEntryById(ctx.db, e.id)) as EntryRow;
  const receipt = (await receiptOf(ctx, round, e)) as Receipt;
  await notifyReceipt(ctx, round, e, receipt);
  return receipt;
}

/** Withdraw until the deadline; the entry goes back to editing and every frozen version stays. */
export async function withdrawEntry(ctx: Ctx, user: UserRow, roundId: string, unitCode: string): Promise<void> {
  const { round, entry } = await accessEntry(ctx, user, roundId, unitCode, "write");
  const e = entry as EntryRow;
  assertWritable(ctx, round, e);
  if (e.status !== "submitted") throw new AppError(409, "ENTRY_NOT_SUBMITTED", "Nothing to withdraw");
  await ctx.db.updateTable("entries").set({ status: "withdrawn", updatedAt: ctx.clock.now().toISOString(), updatedBy: user.id }).where("id", "=", e.id).where("status", "=", "submitted").execute();
}
