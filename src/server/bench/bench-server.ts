import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import { buildApp } from "../app";
import { listenApp } from "../listen";
import { parseEnv, RATE_LIMITS_OFF } from "../config/env";
import { createDb, type Db } from "../db/database";
import { migrateToLatest } from "../db/migrate";
import { issueSessionToken } from "../features/auth/session-token";
import { upsertAnswer } from "../features/quiz/quiz.repository";
import { loadContestPack } from "../content/pack-loader";
import { ReminderWorker } from "../features/reminders/reminders.worker";
import type { Clock } from "../shared/clock";
import { BENCH_SECRET, surgePack } from "./surge-city";

/**
 * A benchmark server in its own process (so the load generator does not share its event loop).
 * argv: <floor|api|serve> <takers> [--start]. Talks to the parent over IPC: sends {ready} with what
 * the load generator needs. `serve` (bench:surge) boots the real API on a database the parent
 * already seeded, with the hai-phong-2026 pack, a shifted clock and the options in BENCH_* below.
 */

export type BenchTaker = { token?: string; userId: string; attemptId?: string; questions?: { id: string; options: string[] }[] };
export type ReadyMessage = { type: "ready"; port: number; pid: number; takers: BenchTaker[] };
export type SendoutDone = { type: "sendout-done"; queued: number; ms: number; error?: string };

const SECRET = BENCH_SECRET;

/** The real API on an already seeded database; `{type:"sendout"}` over IPC runs one reminder scheduler pass in this process. */
async function serve(url: string): Promise<ReadyMessage> {
  // The clock is shifted so that the bench's deadline is Stage 1's close; the parent may re-aim it over IPC once every replica is up.
  let offsetMs = Number(process.env.BENCH_CLOCK_OFFSET_MS ?? "0");
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
  const grace = process.env.BENCH_GRACE_SECONDS ? Number(process.env.BENCH_GRACE_SECONDS) : null;
  const pack = surgePack(clock.now(), grace, process.env.BENCH_SENDOUT_OFFSET || null);
  // No Zalo credentials whatever the caller's environment holds: a send-out must never push for real.
  const env = parseEnv({ ...process.env, NODE_ENV: "test", DATABASE_URL: url, AUTH_DEV: "0", SESSION_SECRET: SECRET, REMINDERS_WORKER: "0", LOG_LEVEL: "silent", ZALO_APP_ID: "", ZALO_NOTIFICATION_API_KEY: "" });
  const app = await buildApp({ env, clock, pack, logger: false, wwwDir: "/nonexistent" });
  process.on("message", (m: { type?: string; offsetMs?: number }) => {
    if (m.type === "clock") {
      offsetMs = Number(m.offsetMs);
      process.send?.({ type: "clock-set" });
    }
    // How the RSS splits between V8's heap and the rest (native: sockets, SQLite, malloc), for bench:surge's timeline.
    if (m.type === "memory") process.send?.({ type: "memory", ...process.memoryUsage() });
    if (m.type !== "sendout") return;
    const t0 = performance.now();
    // The scheduler's pass exactly as the worker runs it (expansion into the outbox included); no channel is configured, so nothing is pushed.
    void new ReminderWorker(app.ctx, { id: "bench-sendout" }).tick().then(
      (r) => process.send?.({ type: "sendout-done", queued: r.queued, ms: performance.now() - t0 } satisfies SendoutDone),
      (err: unknown) => process.send?.({ type: "sendout-done", queued: 0, ms: performance.now() - t0, error: String(err) } satisfies SendoutDone),
    );
  });
  // The bench went away (crashed, killed): do not linger as an orphan holding the port and the database.
  process.once("disconnect", () => process.exit(1));
  await listenApp(app, "127.0.0.1", Number(process.env.BENCH_PORT ?? "0"));
  process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
  return { type: "ready", port: (app.server.address() as AddressInfo).port, pid: process.pid, takers: [] };
}

async function seedUsers(db: Db, count: number, now: Date, lessonIds: string[], withUnits = true): Promise<string[]> {
  const at = now.toISOString();
  const ids = Array.from({ length: count }, () => randomUUID());
  const units = ["10507", "10525", "10532", "10537"];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await trx
        .insertInto("users")
        .values(chunk.map((id, k) => ({ id, zaloId: null, zaloName: null, fullName: `Người thi ${i + k + 1}`, role: "staff" as const, unitCode: withUnits ? units[(i + k) % units.length]! : null, lastActiveAt: at, createdAt: at, updatedAt: at })))
        .execute();
      // Everyone has finished the lessons (lesson_progress.completed_at, the learning feature's contract).
      const rows = chunk.flatMap((userId) => lessonIds.map((lessonId) => ({ userId, lessonId, completedAt: at })));
      for (let r = 0; r < rows.length; r += 2000) await trx.insertInto("lessonProgress").values(rows.slice(r, r + 2000)).execute();
    }
  });
  return ids;
}

async function floor(url: string, takers: number): Promise<ReadyMessage> {
  const { db, durable } = createDb(url);
  await migrateToLatest(db);
  const now = new Date();
  const userIds = await seedUsers(db, takers, now, [], false);
  const list: BenchTaker[] = [];
  await db.transaction().execute(async (trx) => {
    for (const [n, userId] of userIds.entries()) {
      const attemptId = randomUUID();
      const questions = Array.from({ length: 30 }, (_, i) => ({ id: `q-${n}-${i}`, options: ["a", "b", "c", "d"] }));
      await trx.insertInto("quizAttempts").values({ id: attemptId, userId, attemptNo: 1, status: "active", startedAt: now.toISOString(), dueAt: new Date(now.getTime() + 3600_000).toISOString(), finishedAt: null, score: null, correctCount: null, questionCount: 30 }).execute();
      await trx.insertInto("quizAttemptQuestions").values(questions.map((q, i) => ({ attemptId, questionId: q.id, position: i + 1, optionOrder: "a,b,c,d", correctOptionId: "a" }))).execute();
      list.push({ userId, attemptId, questions });
    }
  });
  const app = Fastify({ logger: false });
  // The floor: the same durable upsert on the same database settings, nothing else (no auth, no checks, no schema).
  app.put<{ Params: { attemptId: string; questionId: string }; Body: { optionId: string; seq: number } }>("/floor/:attemptId/:questionId", async (req) => {
    const { stored, applied } = await upsertAnswer(db, { attemptId: req.params.attemptId, questionId: req.params.questionId, optionId: req.body.optionId, seq: req.body.seq, savedAt: new Date().toISOString() });
    // Durable before it is acknowledged, as the real API's answers are (SQLite: the WAL flush, ADR 0009).
    await durable();
    return { answer: { questionId: stored.questionId, optionId: stored.optionId, seq: stored.seq }, applied };
  });
  app.addHook("onClose", () => db.destroy());
  await app.listen({ host: "127.0.0.1", port: 0 });
  process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
  return { type: "ready", port: (app.server.address() as AddressInfo).port, pid: process.pid, takers: list };
}

async function api(url: string, takers: number, start: boolean): Promise<ReadyMessage> {
  const env = parseEnv({ ...RATE_LIMITS_OFF, ...process.env, NODE_ENV: "test", DATABASE_URL: url, AUTH_DEV: "0", SESSION_SECRET: SECRET, REMINDERS_WORKER: "0", LOG_LEVEL: "silent" });
  const now = new Date();
  const pack = loadContestPack("demo", now);
  const app = await buildApp({ env, pack, logger: false, wwwDir: "/nonexistent" });
  const userIds = await seedUsers(app.ctx.db, takers, now, pack.lessons.map((l) => l.id));
  const list: BenchTaker[] = [];
  for (const userId of userIds) {
    const token = issueSessionToken(SECRET, userId, now);
    if (!start) {
      list.push({ userId, token });
      continue;
    }
    const auth = { authorization: `Bearer ${token}` };
    const started = await app.inject({ method: "POST", url: "/api/quiz/attempts", headers: auth });
    const attemptId = started.json().attempt.id as string;
    const paper = (await app.inject({ method: "GET", url: `/api/quiz/attempts/${attemptId}`, headers: auth })).json();
    list.push({ userId, token, attemptId, questions: paper.questions.map((q: { id: string; options: { id: string }[] }) => ({ id: q.id, options: q.options.map((o) => o.id) })) });
  }
  await app.listen({ host: "127.0.0.1", port: 0 });
  process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
  return { type: "ready", port: (app.server.address() as AddressInfo).port, pid: process.pid, takers: list };
}

const [mode, count, ...rest] = process.argv.slice(2);
const url = process.env.BENCH_DATABASE_URL;
if (!url || (mode !== "floor" && mode !== "api" && mode !== "serve")) {
  console.error("usage: BENCH_DATABASE_URL=… bench-server.ts <floor|api|serve> <takers> [--start]");
  process.exit(2);
}
(mode === "floor" ? floor(url, Number(count)) : mode === "serve" ? serve(url) : api(url, Number(count), rest.includes("--start"))).then(
  (msg) => process.send?.(msg),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
