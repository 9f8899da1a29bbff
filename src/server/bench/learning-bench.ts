import { type ChildProcess, fork } from "node:child_process";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import Fastify, { type FastifyInstance } from "fastify";
import { buildApp } from "../app";
import { parseEnv, RATE_LIMITS_OFF } from "../config/env";
import { loadContestPack } from "../content/pack-loader";
import { createDb, type Dialect } from "../db/database";
import { migrateToLatest } from "../db/migrate";
import { createTestClock } from "../shared/clock";
import { createTestDatabase } from "../test/dialects";
import { machine, benchArg, benchDialects } from "./bench-common";

/**
 * npm run bench:learning [-- --people 2000 --rounds 6 --concurrency 64 --db sqlite|postgres|both]
 * N people watch a lesson at the same time; every 10 s of (test-clock) time each phone sends its
 * progress report over real HTTP on loopback, `concurrency` in flight. Targets, each its own
 * process on its own fresh database, measured in interleaved rounds so background load hits all alike:
 *  (a) floor: a bare Fastify route doing one durable upsert of the person's lesson_progress row
 *      (same database settings: SQLite WAL acknowledged after its flush, or a PostgreSQL commit) — no auth,
 *      no read, no merge, no checks;
 *  (b) the real API: auth, validation, read + merge + plausibility, the write, in the app's group
 *      commit on SQLite (shared with answer saves), each report answered after its commit;
 *  (c) SQLite only, for comparison: the real API with one commit per report (QUIZ_GROUP_COMMIT=0).
 * Prints the ratio (b)/(a) of reports per second (target ≥ 0.5 on SQLite). Also times the lessons list.
 */
const argv = process.argv.slice(2);
const arg = benchArg;
const PEOPLE = Number(arg("people", "2000"));
const ROUNDS = Number(arg("rounds", "6"));
const CONCURRENCY = Number(arg("concurrency", "64"));
const DBS = benchDialects();
const SECRET = "bench-secret-bench-secret-bench-secret";

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function pool<T>(items: readonly T[], n: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await job(items[next++]!);
  }));
}

type Mode = "floor" | "api" | "api-single";
type Msg = { advance?: number; stop?: boolean };

function listen(app: FastifyInstance, onAdvance: (ms: number) => void): Promise<void> {
  process.on("message", (m: Msg) => {
    if (m.advance) onAdvance(m.advance);
    if (m.stop) void app.close().then(() => process.exit(0));
    else process.send?.({ ok: true });
  });
  return app.listen({ host: "127.0.0.1", port: 0 }).then(() => {
    process.send?.({ port: (app.server.address() as AddressInfo).port });
  });
}

/** (b)/(c): the API in a child process, with a test clock the parent moves over IPC. */
async function serveApi(url: string, groupCommit: boolean): Promise<void> {
  const clock = createTestClock(new Date());
  const env = parseEnv({ ...RATE_LIMITS_OFF, NODE_ENV: "test", DATABASE_URL: url, AUTH_DEV: "1", REMINDERS_WORKER: "0", LOG_LEVEL: "silent", SESSION_SECRET: SECRET, QUIZ_GROUP_COMMIT: groupCommit ? "1" : "0" });
  const app = await buildApp({ env, clock, pack: loadContestPack("demo", clock.now()), logger: false, wwwDir: "/nonexistent" });
  await listen(app, (ms) => clock.advance(ms));
}

/** (a): the floor — one durable upsert per report on the same database, nothing else. */
async function serveFloor(url: string): Promise<void> {
  const { db, durable } = createDb(url);
  await migrateToLatest(db);
  const at = new Date().toISOString();
  for (let i = 0; i < PEOPLE; i += 1000) {
    const users = Array.from({ length: Math.min(1000, PEOPLE - i) }, (_, k) => ({ id: `floor-${i + k}`, fullName: `Người học ${i + k}`, role: "staff" as const, lastActiveAt: at, createdAt: at, updatedAt: at }));
    await db.insertInto("users").values(users).execute();
  }
  const app = Fastify({ logger: false });
  app.post<{ Params: { userId: string }; Body: { intervals: [number, number][]; position: number } }>("/floor/:userId", async (req) => {
    const now = new Date().toISOString();
    const row = { intervals: JSON.stringify(req.body.intervals), watchedSec: 10, coverage: 0.1, lastPosition: req.body.position, lastReportAt: now, updatedAt: now };
    await db
      .insertInto("lessonProgress")
      .values({ userId: req.params.userId, lessonId: "bai-01", startedAt: now, ...row })
      .onConflict((oc) => oc.columns(["userId", "lessonId"]).doUpdateSet(row))
      .execute();
    // Durable before it is acknowledged, as the real API's reports are (SQLite: the WAL flush, ADR 0009).
    await durable();
    return { ok: true };
  });
  app.addHook("onClose", () => db.destroy());
  await listen(app, () => undefined);
}

function startServer(mode: Mode, url: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve", mode, url, "--people", String(PEOPLE)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once("exit", (code) => reject(new Error(`server (${mode}) exited with ${code}`)));
  });
}

const ask = (child: ChildProcess, msg: Msg) => new Promise<void>((resolve) => {
  child.once("message", () => resolve());
  child.send(msg);
});

type Target = { label: string; mode: Mode; child: ChildProcess; base: string; drop(): Promise<void>; people: { auth: string; path: string }[]; latencies: number[]; ms: number; failed: number };

async function launch(dialect: Dialect, mode: Mode, label: string): Promise<Target> {
  const database = await createTestDatabase(dialect);
  const { child, port } = await startServer(mode, database.url);
  child.removeAllListeners("exit");
  const base = `http://127.0.0.1:${port}`;
  const people: Target["people"] = [];
  if (mode === "floor") for (let i = 0; i < PEOPLE; i++) people.push({ auth: "", path: `/floor/floor-${i}` });
  else
    await pool(Array.from({ length: PEOPLE }, (_, i) => i), CONCURRENCY, async (i) => {
      const res = await fetch(`${base}/api/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `Người học ${i}`, unitCode: "10507" }) });
      const { token } = (await res.json()) as { token: string };
      const auth = `Bearer ${token}`;
      await fetch(`${base}/api/lessons/bai-01`, { headers: { authorization: auth } });
      people.push({ auth, path: "/api/lessons/bai-01/progress" });
    });
  return { label, mode, child, base, drop: () => database.drop(), people, latencies: [], ms: 0, failed: 0 };
}

/** One round: every person reports the next 10 s of video. */
async function round(t: Target, n: number): Promise<void> {
  await ask(t.child, { advance: 10_000 });
  const t0 = performance.now();
  await pool(t.people, CONCURRENCY, async (p) => {
    const s = performance.now();
    const res = await fetch(`${t.base}${p.path}`, {
      method: "POST",
      headers: { ...(p.auth ? { authorization: p.auth } : {}), "content-type": "application/json" },
      body: JSON.stringify({ intervals: [[n * 10, n * 10 + 10]], position: n * 10 + 10 }),
    });
    await res.arrayBuffer();
    if (res.status !== 200) t.failed += 1;
    t.latencies.push(performance.now() - s);
  });
  t.ms += performance.now() - t0;
}

async function run(dialect: Dialect): Promise<void> {
  const targets: Target[] = [];
  try {
    targets.push(await launch(dialect, "floor", "(a) floor: bare durable upsert"));
    targets.push(await launch(dialect, "api", dialect === "sqlite" ? "(b) real API (group commit)" : "(b) real API"));
    if (dialect === "sqlite") targets.push(await launch(dialect, "api-single", "(c) real API, one commit each"));
    for (let n = 0; n < ROUNDS; n++) for (const t of targets) await round(t, n);
    const rate = (t: Target) => t.latencies.length / (t.ms / 1000);
    console.log(`${dialect}:`);
    for (const t of targets) {
      const l = [...t.latencies].sort((a, b) => a - b);
      console.log(`  ${t.label.padEnd(32)} ${rate(t).toFixed(0).padStart(6)} reports/s   p50 ${pct(l, 50).toFixed(1).padStart(6)} ms   p99 ${pct(l, 99).toFixed(1).padStart(6)} ms   non-200 ${t.failed}   (${l.length} reports)`);
    }
    const api = targets[1]!;
    const listLat: number[] = [];
    await pool(api.people.slice(0, 1000), CONCURRENCY, async (p) => {
      const s = performance.now();
      await (await fetch(`${api.base}/api/lessons`, { headers: { authorization: p.auth } })).arrayBuffer();
      listLat.push(performance.now() - s);
    });
    listLat.sort((a, b) => a - b);
    console.log(`  GET /api/lessons p50 ${pct(listLat, 50).toFixed(1)} ms, p95 ${pct(listLat, 95).toFixed(1)} ms`);
    const ratio = rate(api) / rate(targets[0]!);
    console.log(`  ratio (b)/(a) reports/s: ${ratio.toFixed(2)}${dialect === "sqlite" ? `  (target ≥ 0.5: ${ratio >= 0.5 ? "met" : "NOT met"})` : ""}`);
    if (targets[2]) console.log(`  ratio (c)/(a) reports/s: ${(rate(targets[2]) / rate(targets[0]!)).toFixed(2)}  (same checks, one commit per report)`);
    if (targets.some((t) => t.failed)) process.exitCode = 1;
  } finally {
    for (const t of targets) {
      await new Promise<void>((resolve) => {
        t.child.once("exit", () => resolve());
        t.child.send({ stop: true });
      });
      await t.drop();
    }
  }
}

async function main() {
  const serveAt = argv.indexOf("--serve");
  if (serveAt >= 0) {
    const mode = argv[serveAt + 1] as Mode;
    const url = argv[serveAt + 2]!;
    return mode === "floor" ? serveFloor(url) : serveApi(url, mode === "api");
  }
  console.log(`bench:learning — ${PEOPLE} people × ${ROUNDS} progress reports, ${CONCURRENCY} in flight — ${machine()}`);
  for (const d of DBS) await run(d);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
