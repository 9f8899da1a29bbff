import { sql } from "kysely";
import { buildApp } from "../app";
import { parseEnv } from "../config/env";
import { loadContestPack } from "../content/pack-loader";
import type { Dialect } from "../db/database";
import { itemAnalysis } from "../features/quiz/item-analysis.service";
import { createTestClock } from "../shared/clock";
import { createTestDatabase } from "../test/dialects";
import { insertMany, mulberry32 } from "../features/demo/synthetic-city";
import { machine, benchArg, benchDialects } from "./bench-common";

/**
 * npm run bench:items [-- --attempts 100000 --bank 500 --runs 5 --db sqlite|postgres|both]
 * N finished attempts of 30 questions drawn from a bank of B, on a throwaway database; times the
 * organisers' item analysis (read of the trigger-kept tally + a histogram of totals + the maths)
 * against a floor: one bare `count(*) … group by question` over the papers, the least any
 * per-question statistic computed from the raw answers must read. Also prints what the tally
 * trigger adds to finishing an attempt.
 */
const arg = benchArg;
const ATTEMPTS = Number(arg("attempts", "100000"));
const BANK = Number(arg("bank", "500"));
const RUNS = Number(arg("runs", "5"));
const DBS = benchDialects();
const PER_PAPER = 30;
const CHUNK = 5000;

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function run(dialect: Dialect) {
  const database = await createTestDatabase(dialect);
  const clock = createTestClock(new Date("2026-06-05T03:00:00.000Z"));
  const env = parseEnv({ NODE_ENV: "test", DATABASE_URL: database.url, SESSION_SECRET: "bench-secret-bench-secret-bench-secret", REMINDERS_WORKER: "0", LOG_LEVEL: "silent" });
  const app = await buildApp({ env, clock, pack: loadContestPack("hai-phong-2026", clock.now()), logger: false });
  const db = app.ctx.db;
  const rand = mulberry32(7);
  const now = clock.now().toISOString();
  // Question q has difficulty d_q; a taker of ability a gets it right with probability a·(1 − d_q/2).
  const difficulty = Array.from({ length: BANK }, () => rand());
  const t0 = process.hrtime.bigint();
  let finishMs = 0;
  for (let start = 0; start < ATTEMPTS; start += CHUNK) {
    const users: Record<string, unknown>[] = [];
    const attempts: Record<string, unknown>[] = [];
    const papers: Record<string, unknown>[] = [];
    const answers: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(ATTEMPTS, start + CHUNK); i++) {
      const userId = `u${i}`;
      const attemptId = `a${i}`;
      users.push({ id: userId, full_name: `Cán bộ ${i}`, role: "staff", last_active_at: now, created_at: now, updated_at: now });
      const ability = 0.3 + 0.7 * rand();
      const picked = new Set<number>();
      while (picked.size < PER_PAPER) picked.add(Math.floor(rand() * BANK));
      let right = 0;
      let pos = 0;
      for (const q of picked) {
        const ok = rand() < ability * (1 - difficulty[q]! / 2);
        if (ok) right++;
        papers.push({ attempt_id: attemptId, question_id: `q${q}`, position: pos++, option_order: "a,b,c,d", correct_option_id: "a" });
        if (rand() < 0.98) answers.push({ attempt_id: attemptId, question_id: `q${q}`, option_id: ok ? "a" : "bcd"[Math.floor(rand() * 3)], seq: 1, saved_at: now });
        else if (ok) right--;
      }
      // Inserted active, then finished by an UPDATE below, as the API does (that fires the tally trigger).
      attempts.push({ id: attemptId, user_id: userId, attempt_no: 1, status: "active", started_at: now, due_at: now, finished_at: now, score: (100 * right) / PER_PAPER, correct_count: right, question_count: PER_PAPER });
    }
    await insertMany(db, "users", users, 500);
    await insertMany(db, "quiz_attempts", attempts, 500);
    await insertMany(db, "quiz_attempt_questions", papers, 1000);
    await insertMany(db, "quiz_answers", answers, 1000);
    const t1 = process.hrtime.bigint();
    await db.updateTable("quizAttempts").set({ status: "submitted" }).where("id", "in", attempts.map((a) => a.id as string)).execute();
    finishMs += ms(t1);
  }
  await sql`ANALYZE`.execute(db);
  const seedSeconds = ms(t0) / 1000;

  const floor: number[] = [];
  const real: number[] = [];
  let items = 0;
  for (let r = 0; r < RUNS; r++) {
    // Interleaved, so both see the same cache state and machine load.
    let t = process.hrtime.bigint();
    await db.selectFrom("quizAttempts as a").innerJoin("quizAttemptQuestions as q", "q.attemptId", "a.id").where("a.status", "in", ["submitted", "expired"]).where("a.attemptNo", "=", 1).select(["q.questionId", (eb) => eb.fn.countAll().as("n")]).groupBy("q.questionId").execute();
    floor.push(ms(t));
    t = process.hrtime.bigint();
    const result = await itemAnalysis(app.ctx, "first");
    real.push(ms(t));
    items = result.items.length;
  }
  await app.close();
  await database.drop();
  return { dialect, seedSeconds, floor: median(floor), real: median(real), items, finishPerAttempt: finishMs / ATTEMPTS };
}

console.log(`bench:items — ${ATTEMPTS} attempts × ${PER_PAPER} questions from a bank of ${BANK}; median of ${RUNS}; ${machine()}`);
for (const dialect of DBS) {
  const r = await run(dialect);
  console.log(
    `${dialect.padEnd(8)} seeded in ${r.seedSeconds.toFixed(0)} s | item analysis ${r.real.toFixed(0)} ms (${r.items} questions) | floor: bare count by question over the papers ${r.floor.toFixed(0)} ms | ratio ${(r.real / r.floor).toFixed(2)} | tally trigger cost per finished attempt ${r.finishPerAttempt.toFixed(3)} ms | target ≤ 2000 ms: ${r.real <= 2000 ? "met" : "NOT met"}`,
  );
}
