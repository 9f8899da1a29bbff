import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ConflictKindSchema, DeclarationRequestSchema, JuryRound, OrganizerConflictRequestSchema } from "../../../domain/jury/jury.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import { addTableSheet, newWorkbook, workbookBuffer } from "../../shared/xlsx";
import { findUserById } from "../auth";
import type { UserRow } from "../auth";
import { juryAudit } from "./jury-audit";
import { activeJudges, conflictsOf, displayName, findAppointment, qualifiedUnits, sheetsOf, submittedEntries, usersByIds } from "./jury.repository";

type Ctx = Pick<AppContext, "db" | "pack" | "clock">;
type Kind = z.infer<typeof ConflictKindSchema>;

const unitName = (ctx: Pick<Ctx, "pack">, code: string) => ctx.pack.units.find((u) => u.code === code)?.name ?? code;

export async function appointJudge(ctx: Ctx, actor: UserRow, roundId: JuryRound, userId: string) {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError(404, "NOT_FOUND", "No such person");
  const now = ctx.clock.now().toISOString();
  const existing = await findAppointment(ctx.db, roundId, userId);
  if (existing && !existing.revokedAt) return;
  if (existing)
    await ctx.db.updateTable("juryJudges").set({ revokedAt: null, revokedBy: null, revokeReason: null, appointedAt: now, appointedBy: actor.id }).where("roundId", "=", roundId).where("userId", "=", userId).execute();
  else await ctx.db.insertInto("juryJudges").values({ roundId, userId, appointedBy: actor.id, appointedAt: now, revokedAt: null, revokedBy: null, revokeReason: null, declaredAt: null }).execute();
  await juryAudit(ctx.db, actor.id, "jury.appoint", `${roundId}:${userId}`, { roundId, userId, name: displayName(user), reappointed: !!existing }, ctx.clock.now());
}

export async function revokeJudge(ctx: Ctx, actor: UserRow, roundId: JuryRound, userId: string, reason: string) {
  const existing = await findAppointment(ctx.db, roundId, userId);
  if (!existing || existing.revokedAt) throw new AppError(404, "JUDGE_NOT_APPOINTED", "Not a judge of this round");
  const now = ctx.clock.now();
  await ctx.db.updateTable("juryJudges").set({ revokedAt: now.toISOString(), revokedBy: actor.id, revokeReason: reason }).where("roundId", "=", roundId).where("userId", "=", userId).execute();
  await juryAudit(ctx.db, actor.id, "jury.revoke", `${roundId}:${userId}`, { roundId, userId, reason }, now);
}

/** The judge must be appointed to the round (organisers pass for read-only views). */
export async function requireJudge(ctx: Ctx, user: UserRow, roundId: JuryRound) {
  const a = await findAppointment(ctx.db, roundId, user.id);
  if (!a || a.revokedAt) throw new AppError(403, "JUDGE_NOT_APPOINTED", "You are not a judge of this round");
  return a;
}

/** Units a judge may not see: declared or added conflicts, and always the judge's own unit. */
export async function conflictedUnits(ctx: Ctx, roundId: JuryRound, judge: Pick<UserRow, "id" | "unitCode">): Promise<Set<string>> {
  const rows = await conflictsOf(ctx.db, roundId, judge.id);
  const set = new Set(rows.map((r) => r.unitCode));
  if (judge.unitCode) set.add(judge.unitCode);
  return set;
}

export async function declarationView(ctx: Ctx, user: UserRow, roundId: JuryRound) {
  const a = await findAppointment(ctx.db, roundId, user.id);
  const units = await qualifiedUnits(ctx.db, ctx.pack.entries.rounds, roundId);
  const rows = await conflictsOf(ctx.db, roundId, user.id);
  return {
    roundId,
    appointed: !!a && !a.revokedAt,
    declaredAt: a?.declaredAt ?? null,
    lookbackYears: ctx.pack.jury.conflictLookbackYears,
    units: units.map((code) => {
      const row = rows.find((r) => r.unitCode === code);
      const own = user.unitCode === code;
      return { unitCode: code, name: unitName(ctx, code), conflicted: own || !!row, kind: (own ? "own_unit" : (row?.kind ?? null)) as Kind | null, automatic: own };
    }),
  };
}

async function insertConflict(ctx: Ctx, v: { roundId: string; judgeId: string; unitCode: string; kind: Kind; reason: string | null; source: string; createdBy: string | null }) {
  await ctx.db
    .insertInto("juryConflicts")
    .values({ id: randomUUID(), ...v, createdAt: ctx.clock.now().toISOString() })
    .onConflict((oc) => oc.columns(["roundId", "judgeId", "unitCode"]).doNothing())
    .execute();
}

/** Declared before any entry is shown; later declarations may only add conflicts. */
export async function declareConflicts(ctx: Ctx, user: UserRow, roundId: JuryRound, req: z.infer<typeof DeclarationRequestSchema>) {
  const a = await requireJudge(ctx, user, roundId);
  const qualified = new Set(await qualifiedUnits(ctx.db, ctx.pack.entries.rounds, roundId));
  const unknown = req.conflicts.filter((c) => !qualified.has(c.unitCode)).map((c) => c.unitCode);
  if (unknown.length) throw new AppError(400, "UNIT_UNKNOWN", `Not qualified for this round: ${unknown.join(", ")}`, { conflicts: `Đơn vị không thuộc vòng này: ${unknown.join(", ")}` });
  const missing = req.conflicts.filter((c) => c.kind === "other" && !c.reason).map((c) => c.unitCode);
  if (missing.length) throw new AppError(400, "VALIDATION_FAILED", "A reason is required for 'other'", { conflicts: "Vui lòng ghi lý do cho xung đột “khác”." });
  if (user.unitCode && qualified.has(user.unitCode))
    await insertConflict(ctx, { roundId, judgeId: user.id, unitCode: user.unitCode, kind: "own_unit", reason: null, source: "auto", createdBy: null });
  for (const c of req.conflicts) await insertConflict(ctx, { roundId, judgeId: user.id, unitCode: c.unitCode, kind: c.kind, reason: c.reason ?? null, source: "judge", createdBy: user.id });
  const now = ctx.clock.now();
  if (!a.declaredAt) await ctx.db.updateTable("juryJudges").set({ declaredAt: now.toISOString() }).where("roundId", "=", roundId).where("userId", "=", user.id).execute();
  await juryAudit(ctx.db, user.id, "jury.declare", `${roundId}:${user.id}`, { roundId, conflicts: req.conflicts, ownUnit: user.unitCode && qualified.has(user.unitCode) ? user.unitCode : null }, now);
  return declarationView(ctx, user, roundId);
}

export async function addConflict(ctx: Ctx, actor: UserRow, roundId: JuryRound, req: z.infer<typeof OrganizerConflictRequestSchema>) {
  const a = await findAppointment(ctx.db, roundId, req.judgeId);
  if (!a) throw new AppError(404, "JUDGE_NOT_APPOINTED", "Not a judge of this round");
  await insertConflict(ctx, { roundId, judgeId: req.judgeId, unitCode: req.unitCode, kind: req.kind, reason: req.reason, source: "organizer", createdBy: actor.id });
  await juryAudit(ctx.db, actor.id, "jury.conflict.add", `${roundId}:${req.judgeId}`, { roundId, ...req }, ctx.clock.now());
}

export async function listConflicts(ctx: Ctx, roundId: JuryRound) {
  const rows = await conflictsOf(ctx.db, roundId);
  const users = await usersByIds(ctx.db, [...new Set(rows.map((r) => r.judgeId))]);
  return rows.map((r) => ({
    judgeId: r.judgeId,
    judgeName: displayName(users.find((u) => u.id === r.judgeId)),
    unitCode: r.unitCode,
    unitName: unitName(ctx, r.unitCode),
    kind: r.kind as Kind,
    reason: r.reason,
    source: r.source as "judge" | "auto" | "organizer",
    createdAt: r.createdAt,
  }));
}

const KIND_LABELS: Record<Kind, string> = {
  works_there: "Đang công tác tại đơn vị",
  worked_there: "Đã công tác tại đơn vị",
  family: "Quan hệ gia đình",
  advised: "Đã tư vấn sản phẩm",
  other: "Khác",
  own_unit: "Đơn vị của giám khảo (tự động)",
};
/** One conflict as the CSV and the XLSX list it. */
const conflictCells = (r: Awaited<ReturnType<typeof listConflicts>>[number]) => [r.judgeName, r.unitCode, r.unitName, KIND_LABELS[r.kind], r.reason ?? "", r.source, r.createdAt];
const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export async function conflictsCsv(ctx: Ctx, roundId: JuryRound): Promise<string> {
  const rows = await listConflicts(ctx, roundId);
  const lines = [["giam_khao", "ma_don_vi", "don_vi", "loai", "ly_do", "nguon", "thoi_diem"].join(",")];
  for (const r of rows) lines.push(conflictCells(r).map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function conflictsXlsx(ctx: Ctx, roundId: JuryRound): Promise<Buffer> {
  const rows = await listConflicts(ctx, roundId);
  const wb = await newWorkbook("Xung đột lợi ích", ctx.clock.now());
  const ws = addTableSheet(wb, "Xung đột lợi ích", [["Giám khảo", 28], ["Mã đơn vị", 12], ["Đơn vị", 30], ["Loại", 30], ["Lý do", 40], ["Nguồn", 12], ["Thời điểm (UTC)", 24]]);
  for (const r of rows) ws.addRow(conflictCells(r));
  return workbookBuffer(wb);
}

/** Each judge's progress: entries assigned (not conflicted), drafts and submitted sheets. */
export async function judgesProgress(ctx: Ctx, roundId: JuryRound) {
  const [judges, entries, sheets, conflicts] = await Promise.all([
    ctx.db.selectFrom("juryJudges").selectAll().where("roundId", "=", roundId).orderBy("appointedAt").execute(),
    submittedEntries(ctx.db, roundId),
    sheetsOf(ctx.db, roundId),
    conflictsOf(ctx.db, roundId),
  ]);
  const users = await usersByIds(ctx.db, judges.map((j) => j.userId));
  return judges.map((j) => {
    const u = users.find((x) => x.id === j.userId);
    const blocked = new Set(conflicts.filter((c) => c.judgeId === j.userId).map((c) => c.unitCode));
    if (u?.unitCode) blocked.add(u.unitCode);
    const assigned = entries.filter((e) => !blocked.has(e.unitCode)).map((e) => e.entryId);
    const mine = sheets.filter((s) => s.judgeId === j.userId && assigned.includes(s.entryId));
    return {
      userId: j.userId,
      name: displayName(u),
      unitCode: u?.unitCode ?? null,
      role: u?.role ?? "staff",
      appointedAt: j.appointedAt,
      revokedAt: j.revokedAt,
      declaredAt: j.declaredAt,
      conflicts: blocked.size,
      assigned: assigned.length,
      drafts: mine.filter((s) => s.status === "draft").length,
      submitted: mine.filter((s) => s.status === "submitted").length,
    };
  });
}

export { activeJudges };
