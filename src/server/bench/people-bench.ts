import { sql } from "kysely";
import { buildApp } from "../app";
import { parseEnv } from "../config/env";
import { loadContestPack } from "../content/pack-loader";
import type { Dialect } from "../db/database";
import { searchUsers } from "../features/auth";
import { insertMany, mulberry32 } from "../features/demo/synthetic-city";
import { createTestClock } from "../shared/clock";
import { createTestDatabase } from "../test/dialects";
import { machine, benchArg, benchDialects } from "./bench-common";

/**
 * npm run bench:people [-- --people 100000 --runs 7 --db sqlite|postgres|both]
 * The organisers' people search over N accounts: by phone prefix, by unit, by part of a name
 * (the one that scans: a contains-match cannot use a B-tree), against a floor — a lookup of one
 * account by its primary key, the least any search costs.
 */
const arg = benchArg;
const PEOPLE = Number(arg("people", "100000"));
const RUNS = Number(arg("runs", "7"));
const DBS = benchDialects();
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"];
const MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc", "Quang"];
const GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Quân", "Sơn", "Trang", "Tuấn"];

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function run(dialect: Dialect) {
  const database = await createTestDatabase(dialect);
  const clock = createTestClock(new Date("2026-06-05T03:00:00.000Z"));
  const env = parseEnv({ NODE_ENV: "test", DATABASE_URL: database.url, SESSION_SECRET: "bench-secret-bench-secret-bench-secret", REMINDERS_WORKER: "0", LOG_LEVEL: "silent" });
  const pack = loadContestPack("hai-phong-2026", clock.now());
  const app = await buildApp({ env, clock, pack, logger: false });
  const db = app.ctx.db;
  const rand = mulberry32(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const now = clock.now().toISOString();
  const units = pack.units.map((u) => u.code);
  for (let start = 0; start < PEOPLE; start += 5000) {
    const rows = [];
    for (let i = start; i < Math.min(PEOPLE, start + 5000); i++)
      rows.push({ id: `u${i}`, full_name: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)} ${i}`, phone: `09${String(10_000_000 + i)}`, role: "staff", unit_code: pick(units), last_active_at: now, created_at: now, updated_at: now });
    await insertMany(db, "users", rows, 500);
  }
  await sql`ANALYZE`.execute(db);
  const cases = {
    floor: () => db.selectFrom("users").selectAll().where("id", "=", "u4242").execute(),
    phone: () => searchUsers(db, { q: "0910042", limit: 31, dialect }),
    unit: () => searchUsers(db, { unitCode: units[3]!, limit: 31, dialect }),
    name: () => searchUsers(db, { q: "Hùng 4242", limit: 31, dialect }),
    nameInUnit: () => searchUsers(db, { q: "Minh", unitCode: units[3]!, limit: 31, dialect }),
  };
  const times: Record<string, number[]> = {};
  for (let r = 0; r < RUNS; r++)
    for (const [k, f] of Object.entries(cases)) {
      const t = process.hrtime.bigint();
      await f();
      (times[k] ??= []).push(ms(t));
    }
  await app.close();
  await database.drop();
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

console.log(`bench:people — people search over ${PEOPLE} accounts; median of ${RUNS}; ${machine()}`);
for (const dialect of DBS) {
  const r = await run(dialect);
  const f = r.floor!;
  const show = (k: string) => `${k} ${r[k]!.toFixed(1)} ms (×${(r[k]! / f).toFixed(1)})`;
  console.log(`${dialect.padEnd(8)} floor: one account by id ${f.toFixed(2)} ms | ${["phone", "unit", "name", "nameInUnit"].map(show).join(" | ")}`);
}
