import { randomUUID } from "node:crypto";
import { RemindersConfigSchema } from "../../domain/reminders/reminders.config";
import { type ContestPack, loadContestPack } from "../content/pack-loader";
import type { Db } from "../db/database";
import { migrateToLatest } from "../db/migrate";
import { issueSessionToken } from "../features/auth/session-token";
import { syncUnits } from "../features/units/units.repository";
import { insertMany, mulberry32 } from "../features/demo/synthetic-city";
import { participationStage } from "../../domain/contest/participation";

/** The session secret every bench API runs with (tokens are issued here, checked there). */
export const BENCH_SECRET = "bench-secret-bench-secret-bench-secret";

/**
 * The pack bench:surge runs: hai-phong-2026 with a grace window of `graceSeconds` (null = the
 * pack's) and, for `--sendout`, one reminder rule to everyone unfinished, due `sendoutOffset`
 * ("-7m") before Stage 1 closes. No other rule, so nothing else is ever expanded.
 */
export function surgePack(now: Date, graceSeconds: number | null, sendoutOffset: string | null): ContestPack {
  const base = loadContestPack("hai-phong-2026", now);
  const rules = sendoutOffset
    ? [{ id: "bench-sendout", stage: participationStage(base.stages).id, edge: "closes", offset: sendoutOffset, audience: "unfinished", title: "Sắp hết hạn", body: "{stage} kết thúc lúc {deadline}. {name} {remaining}.", path: "/learn", maxDelay: "6h" }]
    : [];
  return {
    ...base,
    quiz: graceSeconds === null ? base.quiz : { ...base.quiz, graceSeconds },
    reminders: RemindersConfigSchema.parse({ ...base.reminders, rules }),
  };
}

export type CityTaker = { userId: string; token: string; unitCode: string };
export type City = { takers: CityTaker[]; units: { code: string; kind: string; takers: number }[]; sendoutPeople: number };

/**
 * Roster sizes of the synthetic city (the same recipe as bench:ranking): the 114 communes carry
 * ~85 % of the staff, the departments ~15 %, each unit 0.4–1.6 × its board's mean, seeded so every
 * run builds the same city. Returns how many of `n` people fall in each unit.
 */
export function rosterShares(pack: ContestPack, n: number): Map<string, number> {
  const rnd = mulberry32(20260610);
  const communes = pack.units.filter((u) => u.kind !== "so_nganh").length;
  const departments = pack.units.length - communes;
  const weights = pack.units.map((u) => (u.kind === "so_nganh" ? 0.15 / departments : 0.85 / communes) * (0.4 + 1.2 * rnd()));
  const total = weights.reduce((s, w) => s + w, 0);
  // Largest remainder, so the counts add up to n exactly.
  const exact = weights.map((w) => (w / total) * n);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  const missing = n - counts.reduce((s, c) => s + c, 0);
  for (let k = 0; k < missing; k++) counts[order[k % order.length]![1]]! += 1;
  return new Map(pack.units.map((u, i) => [u.code, counts[i]!]));
}

/**
 * Migrate, load the units, and seed: `takers` people spread over the units by roster size, every
 * one of them through all 14 lessons (so the test is open to them), and for `--sendout` another
 * `sendoutPeople` part-way through the lessons (the reminder's audience). Tokens are issued at
 * the servers' (shifted) clock.
 */
export async function seedCity(db: Db, pack: ContestPack, takers: number, sendoutPeople: number, serverNow: Date): Promise<City> {
  await migrateToLatest(db);
  await syncUnits(db, pack.units);
  const at = serverNow.toISOString();
  const lessonIds = pack.lessons.map((l) => l.id);
  const rnd = mulberry32(7);
  const list: CityTaker[] = [];
  const unitOf: string[] = [];
  for (const [code, n] of rosterShares(pack, takers)) for (let i = 0; i < n; i++) unitOf.push(code);
  const extraUnits: string[] = [];
  for (const [code, n] of rosterShares(pack, sendoutPeople)) for (let i = 0; i < n; i++) extraUnits.push(code);
  // Interleave the units, so takers who start at the same moment come from everywhere.
  const shuffled = unitOf.map((u) => [rnd(), u] as const).sort((a, b) => a[0] - b[0]).map(([, u]) => u);

  // Everyone is on their unit's roster (linked to their account), as after the units imported their staff lists.
  const person = (n: number, unitCode: string, extra: boolean) => {
    const phone = `0${extra ? 8 : 9}${String(10_000_000 + n).padStart(8, "0")}`;
    const user = { id: randomUUID(), zalo_id: `z${phone}`, full_name: `${extra ? "Cán bộ" : "Người thi"} ${n + 1}`, phone, phone_verified_at: at, role: "staff", unit_code: unitCode, notifications_consent: 1, last_active_at: at, created_at: at, updated_at: at };
    const roster = { id: randomUUID(), unit_code: unitCode, row_key: `tel:${phone}`, full_name: user.full_name, phone, position: "Chuyên viên", sub_unit: `Bộ phận ${1 + (n % 8)}`, user_id: user.id, is_lead: 0, source: "import", created_at: at, updated_at: at };
    return { user, roster };
  };
  const CHUNK = 5000;
  const seedPeople = async (people: ReturnType<typeof person>[], lessonsDone: (k: number) => number) => {
    await insertMany(db, "users", people.map((p) => p.user), 500);
    await insertMany(db, "roster_entries", people.map((p) => p.roster), 500);
    const progress = people.flatMap((p, k) => lessonIds.slice(0, lessonsDone(k)).map((lessonId) => ({ user_id: p.user.id, lesson_id: lessonId, completed_at: at })));
    await insertMany(db, "lesson_progress", progress, 1000);
  };
  for (let i = 0; i < takers; i += CHUNK) {
    const people = shuffled.slice(i, i + CHUNK).map((u, k) => person(i + k, u, false));
    await seedPeople(people, () => lessonIds.length);
    for (const { user } of people) list.push({ userId: user.id, token: issueSessionToken(BENCH_SECRET, user.id, serverNow), unitCode: user.unit_code });
  }
  for (let i = 0; i < sendoutPeople; i += CHUNK) {
    const people = extraUnits.slice(i, i + CHUNK).map((u, k) => person(i + k, u, true));
    await seedPeople(people, (k) => (i + k) % lessonIds.length);
  }
  const perUnit = new Map<string, number>();
  for (const t of list) perUnit.set(t.unitCode, (perUnit.get(t.unitCode) ?? 0) + 1);
  return { takers: list, units: pack.units.map((u) => ({ code: u.code, kind: u.kind, takers: perUnit.get(u.code) ?? 0 })), sendoutPeople };
}
