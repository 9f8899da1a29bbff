import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { parseRosterGrid, type ParsedRosterRow, rosterKey } from "../../../domain/units/roster-grid";
import type { RosterImportResponse, RosterProblem, RosterReportRow } from "../../../domain/units/roster.schema";
import type { AppContext } from "../../app-context";
import type { Db } from "../../db/database";
import { AppError } from "../../shared/app-error";
import type { UserRow, UserUpdate } from "../auth/users.table";
import { recordAudit } from "./audit.repository";
import { isUniqueViolation } from "./db-errors";
import { invalidateLiveBoards } from "./ranking.service";
import { readRosterFile } from "./roster-file";
import type { NewRosterEntryRow, RosterEntryRow } from "./roster.table";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "dialect">;

const CHUNK = 200;
function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** PostgreSQL: serialise writers of one unit's roster (SQLite already has a single writer). */
async function lockUnit(trx: Db, dialect: Ctx["dialect"], unitCode: string): Promise<void> {
  if (dialect === "postgres") await sql`SELECT code FROM units WHERE code = ${unitCode} FOR UPDATE`.execute(trx);
}

/**
 * Tie an account to a roster row: the row is the source of truth for unit, sub-unit and position,
 * a person sits on one row only, and an organiser-marked lead row makes a staff account a unit lead.
 */
export async function linkUserToEntry(trx: Db, entry: RosterEntryRow, user: UserRow, now: Date, actorId: string | null): Promise<void> {
  const at = now.toISOString();
  const others = await trx.selectFrom("rosterEntries").select(["id", "source"]).where("userId", "=", user.id).where("id", "!=", entry.id).execute();
  for (const o of others) {
    // An accepted claim only existed to put the person somewhere; their own unit's list now does.
    if (o.source === "claim") await trx.deleteFrom("rosterEntries").where("id", "=", o.id).execute();
    else await trx.updateTable("rosterEntries").set({ userId: null, updatedAt: at }).where("id", "=", o.id).execute();
  }
  if (entry.userId !== user.id) await trx.updateTable("rosterEntries").set({ userId: user.id, updatedAt: at }).where("id", "=", entry.id).execute();
  const patch: UserUpdate = { unitCode: entry.unitCode };
  if (entry.subUnit) patch.subUnit = entry.subUnit;
  if (entry.position) patch.position = entry.position;
  if (!user.fullName) patch.fullName = entry.fullName;
  const grantLead = entry.isLead === 1 && user.role === "staff";
  if (grantLead) Object.assign(patch, { role: "unit_lead", roleUnitCode: entry.unitCode });
  else if (user.role === "unit_lead" && user.roleUnitCode !== entry.unitCode) Object.assign(patch, { role: "staff", roleUnitCode: null });
  await trx.updateTable("users").set({ ...patch, updatedAt: at }).where("id", "=", user.id).execute();
  if (grantLead) await recordAudit(trx, { actorId, action: "role.grant_from_roster", subject: user.id, details: { unitCode: entry.unitCode, entryId: entry.id } }, now);
}

/** The phoneVerified hook: a verified number on some unit's list fills in that person's unit. */
export async function matchVerifiedPhone(ctx: Pick<Ctx, "dialect">, db: Db, user: UserRow, now: Date): Promise<void> {
  if (!user.phone) return;
  const phone = user.phone;
  await db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom("rosterEntries").select("unitCode").where("phone", "=", phone).executeTakeFirst();
    if (!found) return;
    await lockUnit(trx, ctx.dialect, found.unitCode);
    const entry = await trx.selectFrom("rosterEntries").selectAll().where("phone", "=", phone).executeTakeFirst();
    const fresh = await trx.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirst();
    if (entry && fresh) await linkUserToEntry(trx, entry, fresh, now, null);
  });
  invalidateLiveBoards(db);
}

const NO_SHEET_MESSAGE = {
  empty: "Tệp không có dữ liệu.",
  no_header: "Không tìm thấy dòng tiêu đề có cột “Họ và tên” trong 30 dòng đầu của tệp. Vui lòng kiểm tra lại tệp (cần các cột Họ và tên, Số điện thoại, Chức vụ, Bộ phận).",
  too_many_rows: "Tệp có quá nhiều dòng (tối đa 10.000 người mỗi lần).",
} as const;

type Planned = { row: ParsedRosterRow; report: RosterReportRow };

/** Import (or re-import) a unit's staff list; every row of the file gets a line in the report. */
export async function importRoster(
  ctx: Ctx,
  actor: UserRow,
  unitCode: string,
  file: { buffer: Buffer; fileName: string },
  replace: boolean,
): Promise<RosterImportResponse> {
  const read = await readRosterFile(file.buffer, file.fileName);
  let chosen: { sheet: string | null; parsed: Extract<ReturnType<typeof parseRosterGrid>, { ok: true }> } | null = null;
  let reason: keyof typeof NO_SHEET_MESSAGE = "empty";
  for (const sheet of read.sheets) {
    const parsed = parseRosterGrid(sheet.grid);
    if (parsed.ok) {
      chosen = { sheet: sheet.name, parsed };
      break;
    }
    if (parsed.reason !== "empty") reason = parsed.reason;
  }
  if (!chosen) throw new AppError(400, "ROSTER_INVALID", `Roster file not usable: ${reason}`, { file: NO_SHEET_MESSAGE[reason] });
  const { parsed } = chosen;
  const canGrantLead = actor.role === "organizer";
  const hasRoleColumn = parsed.columns.role !== undefined;
  const now = ctx.clock.now();
  const at = now.toISOString();

  const planned: Planned[] = parsed.rows.map((row) => ({
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
  const people = planned.filter((p) => p.row.kind === "person" && !p.row.skip);

  const result = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await lockUnit(trx, ctx.dialect, unitCode);
      const existing = await trx.selectFrom("rosterEntries").selectAll().where("unitCode", "=", unitCode).execute();
      const byKey = new Map(existing.map((e) => [e.rowKey, e]));
      const phoneless = new Map(existing.filter((e) => e.phone === null).map((e) => [e.rowKey, e]));
      const phones = [...new Set(people.map((p) => p.row.phone).filter((p): p is string => p !== null))];
      const elsewhere = new Map<string, string>();
      const usersByPhone = new Map<string, UserRow>();
      for (const part of chunks(phones)) {
        const rows = await trx.selectFrom("rosterEntries").select(["phone", "unitCode"]).where("phone", "in", part).where("unitCode", "!=", unitCode).execute();
        for (const r of rows) if (r.phone) elsewhere.set(r.phone, r.unitCode);
        // Only Zalo-verified numbers are ever stored on users, so a match is the person themself.
        const users = await trx.selectFrom("users").selectAll().where("phone", "in", part).orderBy("phoneVerifiedAt").execute();
        for (const u of users) if (u.phone) usersByPhone.set(u.phone, u);
      }

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
        if (entry) {
          touched.add(entry.id);
          const next = { rowKey: key, fullName, phone: row.phone, position: row.position, subUnit: row.subUnit, isLead };
          const changed = (Object.keys(next) as Array<keyof typeof next>).some((k) => next[k] !== entry[k]) || entry.source !== "import";
          if (changed) {
            await trx.updateTable("rosterEntries").set({ ...next, source: "import", updatedAt: at }).where("id", "=", entry.id).execute();
            report.status = "updated";
          } else report.status = "unchanged";
          const user = row.phone ? usersByPhone.get(row.phone) : undefined;
          if (user && entry.userId !== user.id) toLink.push({ entryId: entry.id, user });
          else if (changed && entry.userId) relink.push(entry.id);
        } else {
          const id = randomUUID();
          touched.add(id);
          inserts.push({ id, unitCode, rowKey: key, fullName, phone: row.phone, position: row.position, subUnit: row.subUnit, userId: null, isLead, source: "import", createdAt: at, updatedAt: at });
          report.status = "created";
          const user = row.phone ? usersByPhone.get(row.phone) : undefined;
          if (user) toLink.push({ entryId: id, user });
        }
      }
      for (const part of chunks(inserts)) await trx.insertInto("rosterEntries").values(part).execute();
      for (const { entryId, user } of toLink) {
        const entry = await trx.selectFrom("rosterEntries").selectAll().where("id", "=", entryId).executeTakeFirstOrThrow();
        const fresh = (await trx.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirst()) ?? user;
        await linkUserToEntry(trx, entry, fresh, now, actor.id);
      }
      for (const entryId of relink) {
        const entry = await trx.selectFrom("rosterEntries").selectAll().where("id", "=", entryId).executeTakeFirstOrThrow();
        const user = entry.userId ? await trx.selectFrom("users").selectAll().where("id", "=", entry.userId).executeTakeFirst() : undefined;
        if (user) await linkUserToEntry(trx, entry, user, now, actor.id);
      }

      let removed = 0;
      if (replace && people.some((p) => p.report.status !== "error")) {
        const stale = existing.filter((e) => e.source === "import" && !touched.has(e.id)).map((e) => e.id);
        for (const part of chunks(stale)) await trx.deleteFrom("rosterEntries").where("id", "in", part).execute();
        removed = stale.length;
      }
      const size = await trx
        .selectFrom("rosterEntries")
        .select((eb) => [eb.fn.countAll<number>().as("total"), eb.fn.count<number>("userId").as("matched")])
        .where("unitCode", "=", unitCode)
        .executeTakeFirstOrThrow();
      const count = (s: RosterReportRow["status"]) => planned.filter((p) => p.report.status === s).length;
      const totals = {
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
      await recordAudit(trx, { actorId: actor.id, action: "roster.import", subject: unitCode, details: { fileName: file.fileName, replace, ...totals } }, now);
      return totals;
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new AppError(409, "CONFLICT", "The roster changed during the import (a phone number was added to another unit at the same time)");
      throw err;
    });
  invalidateLiveBoards(ctx.db);

  return {
    unitCode,
    fileName: file.fileName,
    format: read.format,
    sheet: chosen.sheet,
    headerLine: parsed.headerLine,
    columns: Object.fromEntries(Object.entries(parsed.columns).filter(([, v]) => v)) as Record<string, string>,
    ignoredFromLine: parsed.ignoredFromLine,
    replace,
    totals: result,
    rows: planned.map((p) => p.report),
  };
}
