import { sql, type Transaction } from "kysely";
import type { Db, Dialect } from "../../db/database";
import type { Database } from "../../db/schema";
import type { UserRow, UserUpdate } from "./users.table";

type Q = Db | Transaction<Database>;

/**
 * Organisers' search over every account (people feature). A phone searches by its first digits
 * (users_phone_idx range); a unit lists its people by name (users_unit_name_idx); a name matches
 * any part, ignoring case (on SQLite only for unaccented letters; "đ" and "Đ" differ there).
 */
export async function searchUsers(db: Q, o: { q?: string; unitCode?: string; limit: number; dialect: Dialect }): Promise<UserRow[]> {
  let query = db.selectFrom("users").selectAll();
  if (o.unitCode) query = query.where("unitCode", "=", o.unitCode);
  const q = o.q?.trim() ?? "";
  const digits = q.replace(/[\s.+-]/g, "");
  if (/^\d{3,}$/.test(digits)) {
    const local = digits.startsWith("84") ? `0${digits.slice(2)}` : digits;
    query = query.where("phone", ">=", local).where("phone", "<", `${local}~`);
  } else if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // SQLite's LIKE already ignores ASCII case (and lower() would only cost); PostgreSQL's ILIKE also folds Vietnamese capitals.
    const like = sql.raw(o.dialect === "postgres" ? "ilike" : "like");
    query = query.where((eb) => eb.or([sql<boolean>`full_name ${like} ${pattern} escape '\\'`, sql<boolean>`zalo_name ${like} ${pattern} escape '\\'`]));
  }
  return query.orderBy("fullName").orderBy("id").limit(o.limit).execute();
}

export async function listMergedFrom(db: Q, userId: string): Promise<string[]> {
  return (await db.selectFrom("users").select("id").where("mergedInto", "=", userId).orderBy("id").execute()).map((r) => r.id);
}

/**
 * The kept account takes the best facts of the two: a name, a verified phone (the later
 * verification when both have one), a unit and its details, a consent answer. Its role stays (a
 * merge never raises anyone's rights). The merged account is left pointing at the kept one, with
 * no phone (so it never matches a roster row again), no unit (so no unit counts it) and no rights.
 */
export async function mergeUserFacts(trx: Q, keep: UserRow, merged: UserRow, now: Date): Promise<UserRow> {
  const at = now.toISOString();
  const phoneFrom = !keep.phoneVerifiedAt || (merged.phoneVerifiedAt && merged.phone && merged.phoneVerifiedAt > keep.phoneVerifiedAt) ? merged : keep;
  const unitFrom = keep.unitCode ? keep : merged;
  const patch: UserUpdate = {
    fullName: keep.fullName ?? merged.fullName,
    zaloName: keep.zaloName ?? merged.zaloName,
    phone: phoneFrom.phone ?? keep.phone,
    phoneVerifiedAt: phoneFrom.phone ? phoneFrom.phoneVerifiedAt : keep.phoneVerifiedAt,
    unitCode: unitFrom.unitCode,
    subUnit: unitFrom.subUnit,
    position: unitFrom.position,
    notificationsConsent: keep.notificationsConsent ?? merged.notificationsConsent,
    lastActiveAt: keep.lastActiveAt > merged.lastActiveAt ? keep.lastActiveAt : merged.lastActiveAt,
    updatedAt: at,
  };
  await trx.updateTable("users").set({ mergedInto: keep.id, phone: null, phoneVerifiedAt: null, role: "staff", unitCode: null, subUnit: null, position: null, updatedAt: at }).where("id", "=", merged.id).execute();
  // Accounts merged into the merged one now point at the kept one (no chains).
  await trx.updateTable("users").set({ mergedInto: keep.id }).where("mergedInto", "=", merged.id).execute();
  await trx.updateTable("users").set(patch).where("id", "=", keep.id).execute();
  return (await trx.selectFrom("users").selectAll().where("id", "=", keep.id).executeTakeFirstOrThrow()) as UserRow;
}
