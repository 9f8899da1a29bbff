import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Unit } from "../../../domain/units/unit.schema";
import type { Db } from "../../db/database";
import { mulberry32 } from "../../../domain/shared/random";

/**
 * A synthetic but plausible city: the units' rosters (uneven sizes), who signed in, lessons
 * completed and tests taken. Shared by the ranking benchmark (100,000 people) and the demo seed
 * (a few thousand). Rows are snake_case records for insertMany (one multi-row INSERT per chunk).
 */

/** Deterministic pseudo-random numbers, so every run builds the same city. */
export { mulberry32 };

/** Multi-row INSERTs, `perStatement` rows each, on `q` (a database or a transaction). */
export async function insertRows<T extends Record<string, unknown>>(q: Db, table: string, rows: T[], perStatement: number): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const values = sql.join(part.map((r) => sql`(${sql.join(cols.map((c) => r[c]))})`));
    await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) values ${values}`.execute(q);
  }
}

/** Insert rows in one transaction. */
export async function insertMany<T extends Record<string, unknown>>(db: Db, table: string, rows: T[], perStatement: number): Promise<void> {
  await db.transaction().execute((trx) => insertRows(trx, table, rows, perStatement));
}

export type CityPerson = { n: number; unit: Unit; k: number };

export type CityOptions = {
  units: readonly Unit[];
  lessonIds: readonly string[];
  people: number;
  /** Activity (completions, attempts) is spread between these two instants (ms). */
  from: number;
  to: number;
  /** Written as created_at/updated_at. */
  now: string;
  seed?: number;
  /** First phone number suffix: phones are 09 + 8 digits from here. */
  phoneBase?: number;
  fullName?: (p: CityPerson) => string;
  subUnit?: (p: CityPerson) => string;
  position?: (p: CityPerson) => string;
  /** The first person of each unit is its lead (on the list, signed in, role unit_lead). */
  leads?: boolean;
};

export type City = {
  sizes: number[];
  users: Record<string, unknown>[];
  roster: Record<string, unknown>[];
  progress: Record<string, unknown>[];
  attempts: Record<string, unknown>[];
};

export function buildSyntheticCity(o: CityOptions): City {
  const rnd = mulberry32(o.seed ?? 20260528);
  const { units, lessonIds, people: PEOPLE } = o;
  const communes = units.filter((u) => u.kind !== "so_nganh");
  const departments = units.filter((u) => u.kind === "so_nganh");
  // Communes carry ~85 % of the people (uneven sizes), departments the rest.
  const weights = units.map((u) => (u.kind === "so_nganh" ? (0.15 * PEOPLE) / departments.length : (0.85 * PEOPLE) / communes.length) * (0.4 + 1.2 * rnd()));
  const total = weights.reduce((s, w) => s + w, 0);
  const sizes = weights.map((w) => Math.round((w / total) * PEOPLE));
  sizes[0]! += PEOPLE - sizes.reduce((s, n) => s + n, 0);
  const span = o.to - o.from;
  const at = (fraction: number) => new Date(o.from + Math.floor(fraction * span)).toISOString();
  const now = o.now;
  const fullName = o.fullName ?? ((p) => `Cán bộ ${p.n}`);
  const subUnit = o.subUnit ?? ((p) => `Bộ phận ${1 + (p.k % 8)}`);
  const position = o.position ?? (() => "Chuyên viên");

  const city: City = { sizes, users: [], roster: [], progress: [], attempts: [] };
  let n = 0;
  units.forEach((u, ui) => {
    const participation = 0.3 + 0.65 * rnd(); // units differ in how far along they are
    for (let k = 0; k < sizes[ui]!; k++) {
      n += 1;
      const p = { n, unit: u, k };
      const lead = Boolean(o.leads) && k === 0;
      const phone = `09${String((o.phoneBase ?? 10_000_000) + n).padStart(8, "0")}`;
      const signedIn = rnd() < 0.92 || lead;
      const userId = signedIn ? randomUUID() : null;
      const name = fullName(p);
      city.roster.push({ id: randomUUID(), unit_code: u.code, row_key: `tel:${phone}`, full_name: name, phone, position: lead ? "Chủ tịch UBND" : position(p), sub_unit: subUnit(p), user_id: userId, is_lead: lead ? 1 : 0, source: "import", created_at: now, updated_at: now });
      if (!userId) continue;
      city.users.push({ id: userId, full_name: name, phone, phone_verified_at: now, role: lead ? "unit_lead" : "staff", role_unit_code: lead ? u.code : null, unit_code: u.code, last_active_at: now, created_at: now, updated_at: now });
      const r = rnd();
      const done = r < participation ? lessonIds.length : r < participation + 0.2 ? 1 + Math.floor(rnd() * (lessonIds.length - 1)) : 0;
      const start = rnd() * 0.7;
      for (let l = 0; l < done; l++) city.progress.push({ user_id: userId, lesson_id: lessonIds[l], completed_at: at(start + (l / lessonIds.length) * 0.2) });
      if (done === lessonIds.length && rnd() < 0.95) {
        const tries = 1 + Math.floor(rnd() * 3);
        for (let a = 0; a < tries; a++) {
          const startedAt = at(start + 0.21 + a * 0.02);
          city.attempts.push({ id: randomUUID(), user_id: userId, attempt_no: a + 1, status: "submitted", started_at: startedAt, due_at: startedAt, finished_at: startedAt, score: Math.round(rnd() * 10000) / 100, correct_count: 0, question_count: 30 });
        }
      }
    }
  });
  return city;
}

/** Write a city in one transaction (then `after` in it too); database triggers mark everyone for the ranking. */
export async function insertCity(db: Db, city: City, after?: (trx: Db) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertRows(trx, "users", city.users, 500);
    await insertRows(trx, "roster_entries", city.roster, 500);
    await insertRows(trx, "lesson_progress", city.progress, 2000);
    await insertRows(trx, "quiz_attempts", city.attempts, 500);
    if (after) await after(trx);
  });
}
