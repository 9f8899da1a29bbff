import { type ChildProcess, fork } from "node:child_process";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { buildApp } from "../app";
import { parseEnv, RATE_LIMITS_OFF } from "../config/env";
import { loadContestPack } from "../content/pack-loader";
import type { Dialect } from "../db/database";
import { createTestClock } from "../shared/clock";
import { createTestDatabase } from "../test/dialects";
import { machine } from "./bench-common";

/**
 * npx tsx src/server/bench/learning-bench.ts [--people 2000] [--rounds 5] [--concurrency 64] [--db sqlite|postgres|both]
 * N people watch a lesson at the same time; every 10 s of (test-clock) time each phone sends its
 * progress report over real HTTP on loopback, 64 in flight. Reports are the learning feature's
 * hot path: one transaction each (read, merge, plausibility, write). Also times the lessons list.
 * The API runs in a child process; client and server still share this machine's cores.
 */
const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const PEOPLE = Number(arg("people", "2000"));
const ROUNDS = Number(arg("rounds", "5"));
const CONCURRENCY = Number(arg("concurrency", "64"));
const DBS: Dialect[] = arg("db", "both") === "both" ? ["sqlite", "postgres"] : [arg("db", "sqlite") as Dialect];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function pool<T>(items: readonly T[], n: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await job(items[next++]!);
  }));
}

/** The API in a child process (its own core), with a test clock the parent moves over IPC. */
async function serve(url: string): Promise<void> {
  const clock = createTestClock(new Date());
  const env = parseEnv({ ...RATE_LIMITS_OFF, NODE_ENV: "test", DATABASE_URL: url, AUTH_DEV: "1", REMINDERS_WORKER: "0", LOG_LEVEL: "silent", SESSION_SECRET: "bench-secret-bench-secret-bench-secret" });
  const app = await buildApp({ env, clock, pack: loadContestPack("demo", clock.now()), logger: false, wwwDir: "/nonexistent" });
  await app.listen({ host: "127.0.0.1", port: 0 });
  process.on("message", (m: { advance?: number; stop?: boolean }) => {
    if (m.advance) clock.advance(m.advance);
    if (m.stop) void app.close().then(() => process.exit(0));
    else process.send?.({ ok: true });
  });
  process.send?.({ port: (app.server.address() as AddressInfo).port });
}

function startServer(url: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve", url], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const ask = (child: ChildProcess, msg: object) => new Promise<void>((resolve) => {
  child.once("message", () => resolve());
  child.send(msg);
});

async function run(dialect: Dialect): Promise<void> {
  const database = await createTestDatabase(dialect);
  const { child, port } = await startServer(database.url);
  child.removeAllListeners("exit");
  const base = `http://127.0.0.1:${port}`;
  try {
    const people: { auth: string }[] = [];
    await pool(Array.from({ length: PEOPLE }, (_, i) => i), CONCURRENCY, async (i) => {
      const res = await fetch(`${base}/api/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `Người học ${i}`, unitCode: "10507" }) });
      const { token } = (await res.json()) as { token: string };
      const auth = `Bearer ${token}`;
      await fetch(`${base}/api/lessons/bai-01`, { headers: { authorization: auth } });
      people.push({ auth });
    });

    const latencies: number[] = [];
    let failed = 0;
    const t0 = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      await ask(child, { advance: 10_000 });
      await pool(people, CONCURRENCY, async (p) => {
        const s = performance.now();
        const res = await fetch(`${base}/api/lessons/bai-01/progress`, {
          method: "POST",
          headers: { authorization: p.auth, "content-type": "application/json" },
          body: JSON.stringify({ intervals: [[round * 10, round * 10 + 10]], position: round * 10 + 10 }),
        });
        await res.arrayBuffer();
        if (res.status !== 200) failed += 1;
        latencies.push(performance.now() - s);
      });
    }
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);

    const listLat: number[] = [];
    await pool(people.slice(0, 1000), CONCURRENCY, async (p) => {
      const s = performance.now();
      await (await fetch(`${base}/api/lessons`, { headers: { authorization: p.auth } })).arrayBuffer();
      listLat.push(performance.now() - s);
    });
    listLat.sort((a, b) => a - b);
    console.log(
      `${dialect}: ${latencies.length} progress reports in ${seconds.toFixed(1)} s = ${(latencies.length / seconds).toFixed(0)}/s, ` +
        `p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, non-200: ${failed}; ` +
        `GET /api/lessons p50 ${pct(listLat, 50).toFixed(1)} ms, p95 ${pct(listLat, 95).toFixed(1)} ms`,
    );
  } finally {
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.send({ stop: true });
    });
    await database.drop();
  }
}

async function main() {
  const serveAt = argv.indexOf("--serve");
  if (serveAt >= 0) return serve(argv[serveAt + 1]!);
  console.log(`learning bench: ${PEOPLE} people × ${ROUNDS} reports, ${CONCURRENCY} in flight — ${machine()}`);
  for (const d of DBS) await run(d);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
