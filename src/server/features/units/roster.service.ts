import { randomUUID } from "node:crypto";
import { rosterMatchDecision } from "../../../domain/units/roster-match";
import { parseRosterGrid, type ParsedRosterRow, rosterKey } from "../../../domain/units/roster-grid";
import type { RosterImportResponse, RosterProblem, RosterReportRow } from "../../../domain/units/roster.schema";
import type { AppContext } from "../../app-context";
import type { Db } from "../../db/database";
import { isUniqueViolation } from "../../db/errors";
import { AppError } from "../../shared/app-error";
import { recordAudit } from "../../shared/audit";
import type { UserRow, UserUpdate } from "../auth";
import { invalidateLiveBoards } from "../ranking";
import { readRosterFile } from "./roster-file";
import {
  allRosterRowsOf,
  chunks,
  deleteEntries,
  findEntry,
  findEntryByPhone,
  findUser,
  insertEntries,
  lockUnit,
  otherEntriesOfUser,
  phonesInOtherUnits,
  rosterSize,
  updateEntry,
  updateUserFromRoster,
  usersWithPhones,
} from "./roster.repository";
import type { NewRosterEntryRow, RosterEntryRow } from "./roster.table";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "dialect" | "caches">;

/**
 * Tie an account to a roster row: the row is the source of truth for unit, sub-unit and position,
 * a person sits on one row only, and an organiser-marked lead row makes a staff account a unit lead.
 */
export async function linkUserToEntry(trx: Db, entry: RosterEntryRow, user: UserRow, now: Date, actorId: string | null): Promise<void> {
  const at = now.toISOString();
  for (const o of await otherEntriesOfUser(trx, user.id, entry.id)) {
    // An accepted claim only existed to put the person somewhere; their own unit's list now does.
    if (o.source === "claim") await deleteEntries(trx, [o.id]);
    else await updateEntry(trx, o.id, { userId: null, updatedAt: at });
  }
  if (entry.userId !== user.id) await updateEntry(trx, entry.id, { userId: user.id, updatedAt: at });
  const patch: UserUpdate = { unitCode: entry.unitCode };
  if (entry.subUnit) patch.subUnit = entry.subUnit;
  if (entry.position) patch.position = entry.position;
  if (!user.fullName) patch.fullName = entry.fullName;
  const grantLead = entry.isLead === 1 && user.role === "staff";
  if (grantLead) Object.assign(patch, { role: "unit_lead", roleUnitCode: entry.unitCode });
  else if (user.role === "unit_lead" && user.roleUnitCode !== entry.unitCode) Object.assign(patch, { role: "staff", roleUnitCode: null });
  await updateUserFromRoster(trx, user.id, { ...patch, updatedAt: at });
  if (grantLead) await recordAudit(trx, { actorId, action: "role.grant_from_roster", subject: user.id, details: { unitCode: entry.unitCode, entryId: entry.id } }, now);
}

/** The phoneVerified hook: a verified number on some unit's list fills in that person's unit. */
export async function matchVerifiedPhone(ctx: Pick<Ctx, "db" | "dialect" | "caches">, user: UserRow, now: Date): Promise<void> {
  if (!user.phone) return;
  const phone = user.phone;
  await ctx.db.transaction().execute(async (trx) => {
    const found = await findEntryByPhone(trx, phone);
    if (!found) return;
    await lockUnit(trx, ctx.dialect, found.unitCode);
    const entry = await findEntryByPhone(trx, phone);
    const fresh = await findUser(trx, user.id);
    if (!entry || !fresh) return;
    // The rule (domain/units/roster-match): a row matched to another account stays there; the
    // clash is logged so an organiser can merge the two accounts (people feature).
    if (rosterMatchDecision(entry.userId, user.id) === "keep_other") {
      await recordAudit(trx, { actorId: user.id, action: "roster.match_kept", subject: entry.userId!, details: { unitCode: entry.unitCode, entryId: entry.id, otherAccountId: user.id } }, now);
      return;
    }
    await linkUserToEntry(trx, entry, fresh, now, null);
  });
  invalidateLiveBoards(ctx);
}

const NO_SHEET_MESSAGE = {
  empty: "Tệp không có dữ liệu.",
  no_header: "Không tìm thấy dòng tiêu đề có cột “Họ và tên” trong 30 dòng đầu của tệp. Vui lòng kiểm tra lại tệp (cần các cột Họ và tên, Số điện thoại, Chức vụ, Bộ phận).",
  too_many_rows: "Tệp có quá nhiều dòng (tối đa 10.000 người mỗi lần).",
} as const;

type Planned = { row: ParsedRosterRow; report: RosterReportRow };
type Parsed = Extract<ReturnType<typeof parseRosterGrid>, { ok: true }>;
type Totals = RosterImportResponse["totals"];

/** The first sheet that has a usable header, or why none has. */
function chooseSheet(sheets: Awaited<ReturnType<typeof readRosterFile>>["sheets"]): { sheet: string | null; parsed: Parsed } {
  let reason: keyof typeof NO_SHEET_MESSAGE = "empty";
  for (const sheet of sheets) {
    const parsed = parseRosterGrid(sheet.grid);
    if (parsed.ok) return { sheet: sheet.name, parsed };
    if (parsed.reason !== "empty") reason = parsed.reason;
  }
  throw new AppError(400, "ROSTER_INVALID", `Roster file not usable: ${reason}`, { file: NO_SHEET_MESSAGE[reason] });
}

function planRows(parsed: Parsed): Planned[] {
  return parsed.rows.map((row) => ({
    row,
    report: {
      line: row.line,
      status: row.kind === "section" ? "section" : row.skip ? (row.problems.some((p) => p.code === "missing_name") ? "error" : "skipped") : "unchanged",
      fullName: row.fullName,
      phone: row.phone,
      subUnit: row.subUnit,
      position: row.position,
      problems: [...row.problems],
    },
  }));
}

type ImportInput = { actorId: string; canGrantLead: boolean; unitCode: string; replace: boolean; parsed: Parsed; planned: Planned[]; now: Date };

/** Who in the file is already on another unit's list, and which accounts hold the file's numbers. */
async function phoneFacts(trx: Db, unitCode: string, people: readonly Planned[]) {
  const phones = [...new Set(people.map((p) => p.row.phone).filter((p): p is string => p !== null))];
  const elsewhere = new Map<string, string>();
  const usersByPhone = new Map<string, UserRow>();
  for (const part of chunks(phones)) {
    for (const r of await phonesInOtherUnits(trx, part, unitCode)) if (r.phone) elsewhere.set(r.phone, r.unitCode);
    for (const u of await usersWithPhones(trx, part)) if (u.phone) usersByPhone.set(u.phone, u);
  }
  return { elsewhere, usersByPhone };
}

/** Write the file's people into the unit's list (inside the caller's transaction); returns the totals. */
async function applyImport(trx: Db, input: ImportInput): Promise<Totals> {
  const { actorId, canGrantLead, unitCode, parsed, planned, now } = input;
  const at = now.toISOString();
  const people = planned.filter((p) => p.row.kind === "person" && !p.row.skip);
  const hasRoleColumn = parsed.columns.role !== undefined;
  const existing = await allRosterRowsOf(trx, unitCode);
  const byKey = new Map(existing.map((e) => [e.rowKey, e]));
  const phoneless = new Map(existing.filter((e) => e.phone === null).map((e) => [e.rowKey, e]));
  const { elsewhere, usersByPhone } = await phoneFacts(trx, unitCode, people);

  const touched = new Set<string>();
  const inserts: NewRosterEntryRow[] = [];
  const toLink: Array<{ entryId: string; user: UserRow }> = [];
  // Matched people whose row changed: their profile (and a lead mark) follows the list.
  const relink: string[] = [];
  for (const { row, report } of people) {
    const problems: RosterProblem[] = report.problems;
    if (row.phone && elsewhere.has(row.phone)) {
      problems.push({ code: "phone_in_other_unit", params: { unitCode: elsewhere.get(row.phone)! } });
      report.status = "error";
      continue;
    }
    if (row.isLead && !canGrantLead) problems.push({ code: "role_ignored", params: {} });
    const fullName = row.fullName!;
    const key = row.key!;
    let entry = byKey.get(key) ?? (row.phone ? phoneless.get(rosterKey(fullName, row.subUnit, null)) : undefined);
    if (entry && touched.has(entry.id)) entry = undefined;
    const isLead = canGrantLead && hasRoleColumn ? (row.isLead ? 1 : 0) : (entry?.isLead ?? 0);
    const user = row.phone ? usersByPhone.get(row.phone) : undefined;
    if (entry) {
      touched.add(entry.id);
      const next = { rowKey: key, fullName, phone: row.phone, position: row.position, subUnit: row.subUnit, isLead };
      const changed = (Object.keys(next) as Array<keyof typeof next>).some((k) => next[k] !== entry[k]) || entry.source !== "import";
      if (changed) await updateEntry(trx, entry.id, { ...next, source: "import", updatedAt: at });
      report.status = changed ? "updated" : "unchanged";
      if (user && entry.userId !== user.id) toLink.push({ entryId: entry.id, user });
      else if (changed && entry.userId) relink.push(entry.id);
    } else {
      const id = randomUUID();
      touched.add(id);
      inserts.push({ id, unitCode, rowKey: key, fullName, phone: row.phone, position: row.position, subUnit: row.subUnit, userId: null, isLead, source: "import", createdAt: at, updatedAt: at });
      report.status = "created";
      if (user) toLink.push({ entryId: id, user });
    }
  }
  await insertEntries(trx, inserts);
  for (const { entryId, user } of toLink) {
    const entry = (await findEntry(trx, entryId))!;
    await linkUserToEntry(trx, entry, (await findUser(trx, user.id)) ?? user, now, actorId);
  }
  for (const entryId of relink) {
    const entry = (await findEntry(trx, entryId))!;
    const user = entry.userId ? await findUser(trx, entry.userId) : undefined;
    if (user) await linkUserToEntry(trx, entry, user, now, actorId);
  }

  let removed = 0;
  if (input.replace && people.some((p) => p.report.status !== "error")) {
    const stale = existing.filter((e) => e.source === "import" && !touched.has(e.id)).map((e) => e.id);
    await deleteEntries(trx, stale);
    removed = stale.length;
  }
  const size = await rosterSize(trx, unitCode);
  const count = (s: RosterReportRow["status"]) => planned.filter((p) => p.report.status === s).length;
  return {
    rows: planned.filter((p) => p.row.kind === "person").length,
    created: count("created"),
    updated: count("updated"),
    unchanged: count("unchanged"),
    skipped: count("skipped"),
    errors: count("error"),
    removed,
    matched: Number(size.matched),
    rosterSize: Number(size.total),
  };
}

/** A roster file read and parsed: what a held change keeps (as JSON) until an organiser decides. */
export type ParsedRosterSource = { fileName: string; format: "csv" | "xlsx"; sheet: string | null; parsed: Parsed };

export async function readRosterSource(file: { buffer: Buffer; fileName: string }): Promise<ParsedRosterSource> {
  const read = await readRosterFile(file.buffer, file.fileName);
  const { sheet, parsed } = chooseSheet(read.sheets);
  return { fileName: file.fileName, format: read.format, sheet, parsed };
}

export type ApplyOptions = {
  /** Only an organiser's own import may make people leads (the "Vai trò" column). */
  canGrantLead: boolean;
  /** The audit line written with the import. */
  audit: { actorId: string; action: string; details?: Record<string, unknown> };
  /** Work out what the import would do, then roll it all back (a held change's preview). */
  dryRun?: boolean;
  /** Runs first in the import's transaction (a held change closed together with its import). */
  before?: (trx: Db) => Promise<void>;
};

class DryRun extends Error {
  constructor(readonly totals: Totals) {
    super("dry run");
  }
}

/** Write a parsed file into the unit's list (all or nothing); every row of the file gets a line in the report. */
export async function applyRosterSource(ctx: Ctx, unitCode: string, src: ParsedRosterSource, replace: boolean, opts: ApplyOptions): Promise<RosterImportResponse> {
  const { parsed } = src;
  const planned = planRows(parsed);
  const now = ctx.clock.now();
  const totals = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await lockUnit(trx, ctx.dialect, unitCode);
      await opts.before?.(trx);
      const result = await applyImport(trx, { actorId: opts.audit.actorId, canGrantLead: opts.canGrantLead, unitCode, replace, parsed, planned, now });
      if (opts.dryRun) throw new DryRun(result);
      await recordAudit(trx, { actorId: opts.audit.actorId, action: opts.audit.action, subject: unitCode, details: { fileName: src.fileName, replace, ...opts.audit.details, ...result } }, now);
      return result;
    })
    .catch((err: unknown) => {
      if (err instanceof DryRun) return err.totals;
      if (isUniqueViolation(err)) throw new AppError(409, "CONFLICT", "The roster changed during the import (a phone number was added to another unit at the same time)");
      throw err;
    });
  if (!opts.dryRun) invalidateLiveBoards(ctx);

  return {
    unitCode,
    fileName: src.fileName,
    format: src.format,
    sheet: src.sheet,
    headerLine: parsed.headerLine,
    columns: Object.fromEntries(Object.entries(parsed.columns).filter(([, v]) => v)) as Record<string, string>,
    ignoredFromLine: parsed.ignoredFromLine,
    replace,
    heldForApproval: null,
    totals,
    rows: planned.map((p) => p.report),
  };
}

/** Import (or re-import) a unit's staff list at once (an organiser's, or a lead's before the roster freeze). */
export async function importRoster(ctx: Ctx, actor: UserRow, unitCode: string, file: { buffer: Buffer; fileName: string }, replace: boolean): Promise<RosterImportResponse> {
  const src = await readRosterSource(file);
  return applyRosterSource(ctx, unitCode, src, replace, { canGrantLead: actor.role === "organizer", audit: { actorId: actor.id, action: "roster.import" } });
}
