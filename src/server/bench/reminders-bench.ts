import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { RemindersConfigSchema } from "../../domain/reminders/reminders.config";
import { vnWallClock } from "../../domain/shared/time";
import { buildApp } from "../app";
import { parseEnv, RATE_LIMITS_OFF } from "../config/env";
import { loadContestPack } from "../content/pack-loader";
import type { Dialect } from "../db/database";
import { groupCommitterOf } from "../db/group-commit";
import { EXPAND_CHUNK } from "../features/reminders/occurrence-expansion";
import { ReminderWorker } from "../features/reminders/reminders.worker";
import { createTestClock } from "../shared/clock";
import { createTestDatabase } from "../test/dialects";
import { FakeZalo } from "../test/fake-zalo";
import { machine, benchArg, benchDialects } from "./bench-common";

/**
 * npm run bench:reminders [-- --people 20000 --db sqlite|postgres|both]
 * A city of N participants (half of them part-way through the lessons), one "Stage 1 closes in
 * 3 days" rule. Times: expanding the occurrence into the outbox (N inbox messages + N pushes, in
 * chunks) and how long a concurrent one-row writer waits meanwhile,
 * pushing the day's 1000 notifications to a fake Zalo on loopback, the unread-count query, and
 * the organisers' overview (with the reach estimate over everyone).
 */

const arg = benchArg;
const PEOPLE = Number(arg("people", "20000"));
const DBS = benchDialects();

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

async function run(dialect: Dialect, zalo: FakeZalo): Promise<void> {
  const database = await createTestDatabase(dialect);
  const clock = createTestClock(vnWallClock(2026, 6, 7, 8, 0));
  const env = parseEnv({ ...RATE_LIMITS_OFF,
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    REMINDERS_WORKER: "0",
    AUTH_DEV: "1",
    LOG_LEVEL: "silent",
    ZALO_APP_ID: zalo.miniAppId,
    ZALO_OPENAPI_URL: zalo.url,
    ZALO_NOTIFICATION_API_KEY: zalo.apiKey,
    ZALO_NOTIFICATION_TEMPLATE_ID: "tpl",
    REMINDERS_BATCH_SIZE: "100",
  });
  const base = loadContestPack("hai-phong-2026", clock.now());
  const pack = { ...base, reminders: RemindersConfigSchema.parse({ ...base.reminders, rules: base.reminders.rules.filter((r) => r.id === "s1-close-3d") }) };
  const app = await buildApp({ env, clock, pack, logger: false, wwwDir: "/nonexistent" });
  const db = app.ctx.db;
  try {
    const at = clock.now().toISOString();
    const units = pack.units.map((u) => u.code);
    const lessons = pack.lessons.map((l) => l.id);
    const t0 = performance.now();
    for (let i = 0; i < PEOPLE; i += 1000) {
      const users = Array.from({ length: Math.min(1000, PEOPLE - i) }, (_, k) => ({
        id: randomUUID(),
        zaloId: `z${i + k}`,
        fullName: `Cán bộ ${i + k}`,
        role: "staff" as const,
        unitCode: units[(i + k) % units.length]!,
        notificationsConsent: (i + k) % 5 === 0 ? null : 1,
        lastActiveAt: at,
        createdAt: at,
        updatedAt: at,
      }));
      await db.insertInto("users").values(users).execute();
      const progress = users.filter((_, k) => (i + k) % 2 === 0).flatMap((u, k) => lessons.slice(0, k % 14).map((lessonId) => ({ userId: u.id, lessonId, completedAt: at })));
      for (let p = 0; p < progress.length; p += 2000) await db.insertInto("lessonProgress").values(progress.slice(p, p + 2000)).execute();
    }
    console.log(`  seeded ${PEOPLE} people in ${ms(t0)}`);

    // Expansion alone: a worker whose send window is closed queues but pushes nothing.
    const closedWindow = { ...app.ctx, env: { ...app.ctx.env, REMINDERS_SEND_WINDOW: "00:00-00:01" } };
    // Meanwhile, another writer (a stand-in for answer saves, through the same group commit when the
    // app has one) wants to write one row every 2 ms: how long from wanting to write to its write
    // being done (on SQLite this includes the event loop being busy)? Its floor: the same writer
    // for 2 s before the send-out, in the same run.
    const committer = groupCommitterOf(app.ctx);
    const { id: probeId } = await db.selectFrom("users").select("id").limit(1).executeTakeFirstOrThrow();
    const writeOne = async (trx: typeof db) => void (await trx.updateTable("users").set({ updatedAt: new Date().toISOString() }).where("id", "=", probeId).execute());
    const probe = { done: false, waits: [] as number[] };
    const probing = async () => {
      while (!probe.done) {
        const wanted = performance.now() + 2;
        await new Promise((r) => setTimeout(r, 2));
        await (committer ? committer.run(writeOne) : writeOne(db));
        probe.waits.push(performance.now() - wanted);
      }
    };
    const quantiles = () => {
      const waits = probe.waits.sort((a, b) => a - b);
      const at = (q: number) => waits[Math.min(waits.length - 1, Math.floor(q * waits.length))] ?? NaN;
      return { n: waits.length, p50: at(0.5), p99: at(0.99), max: at(1 - 1e-9) };
    };
    const floorRun = probing();
    await new Promise((r) => setTimeout(r, 2000));
    probe.done = true;
    await floorRun;
    const floor = quantiles();
    Object.assign(probe, { done: false, waits: [] });
    const prober = probing();
    const tExpand = performance.now();
    const expand = await new ReminderWorker(closedWindow, { id: "expand" }).tick();
    const expandMs = performance.now() - tExpand;
    probe.done = true;
    await prober;
    const w = quantiles();
    console.log(`  scheduler: ${expand.queued} messages queued (inbox + Zalo push each, ${EXPAND_CHUNK} a transaction${committer ? ", in the group commit" : ""}) in ${expandMs.toFixed(0)} ms`);
    console.log(`  a concurrent single-row writer${committer ? " (group commit)" : ""} meanwhile: ${w.n} writes, p50 ${w.p50.toFixed(1)} ms, p99 ${w.p99.toFixed(1)} ms, max ${w.max.toFixed(1)} ms`);
    console.log(`  the same writer alone just before (floor): p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms; ratio p50 ${(w.p50 / floor.p50).toFixed(2)}, p99 ${(w.p99 / floor.p99).toFixed(2)}`);

    clock.set(vnWallClock(2026, 6, 7, 9, 0));
    const tSend = performance.now();
    const sent = await new ReminderWorker(app.ctx, { id: "sender" }).tick();
    const sendMs = performance.now() - tSend;
    console.log(`  worker: ${sent.sent} pushed, ${sent.skipped} skipped (no consent), day's cap reached, in ${sendMs.toFixed(0)} ms (${((sent.sent / sendMs) * 1000).toFixed(0)} pushes/s incl. the skips)`);

    const someone = await db.selectFrom("users").select("id").limit(1).executeTakeFirstOrThrow();
    const token = (await app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Ban tổ chức", role: "organizer" } })).json().token as string;
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await db.selectFrom("reminderOutbox").select((eb) => eb.fn.countAll().as("n")).where("userId", "=", someone.id).where("readAt", "is", null).executeTakeFirst();
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    console.log(`  unread-count query: p50 ${samples[100]!.toFixed(2)} ms, p95 ${samples[190]!.toFixed(2)} ms`);
    const tOverview = performance.now();
    const overview = await app.inject({ method: "GET", url: "/api/reminders/overview", headers: { authorization: `Bearer ${token}` } });
    const reach = overview.json().reach;
    console.log(`  overview (per-rule counts + reach over ${reach.pending} pending): ${ms(tOverview)}; reachable in time ${reach.reachableInTime} of ${reach.eligible} eligible (capacity ${reach.capacity})`);
  } finally {
    await app.close();
    await database.drop();
  }
}

async function main() {
  console.log(`Reminders benchmark — ${PEOPLE} people — ${machine()}`);
  const zalo = new FakeZalo();
  await zalo.start();
  try {
    for (const dialect of DBS) {
      console.log(`${dialect}:`);
      await run(dialect, zalo);
      zalo.notifications.length = 0;
    }
  } finally {
    await zalo.stop();
  }
}

void main();
