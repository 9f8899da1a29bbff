import { randomInt } from "node:crypto";
import { type BenchServer, benchDatabase, dialectArg, machine, startBenchServer } from "./bench-common";
import { closedLoop, fmt, Http, type LoadStats, mergeLoads, numberArg, procStatus, type RawLoad } from "./load";

/**
 * npm run bench:quiz [-- --seconds 12 --rounds 4 --concurrency 32 --takers 200 --db sqlite|postgres]
 * (a) floor: a bare Fastify route doing the same durable upsert on the same database settings;
 * (b) the real API: auth, validation, ownership/deadline checks, the same upsert.
 * Each runs in its own process on loopback against its own fresh database.
 */

const argv = process.argv.slice(2);
const seconds = numberArg(argv, "seconds", 12);
const rounds = numberArg(argv, "rounds", 4);
const concurrency = numberArg(argv, "concurrency", 32);
const takers = numberArg(argv, "takers", 200);
const dialect = dialectArg(argv);
const settings = dialect === "sqlite" ? "SQLite WAL, acknowledged after the WAL flush (ADR 0009)" : "PostgreSQL, the saves of a turn in one statement (ADR 0010)";

type Target = { label: string; mode: "floor" | "api"; env?: Record<string, string> };
/** cpuSeconds: the API process's CPU (user + system) during the measured slices. */
type Running = { target: Target; server: BenchServer; http: Http; drop(): Promise<void>; slices: RawLoad[]; cpuSeconds: number };

async function launch(target: Target): Promise<Running> {
  const database = await benchDatabase(dialect);
  const server = await startBenchServer(target.mode, database.url, takers, target.mode === "api" ? ["--start"] : [], target.env);
  return { target, server, http: new Http(server.baseUrl, concurrency), drop: () => database.drop(), slices: [], cpuSeconds: 0 };
}

const seqs = new Map<string, number>();

/** One measured slice of answer saves against one target. */
async function slice(r: Running, sliceSeconds: number): Promise<void> {
  const { takers: list } = r.server.ready;
  const cpu0 = procStatus(r.server.ready.pid)?.cpuSeconds ?? NaN;
  r.slices.push(
    await closedLoop(r.http, { concurrency, seconds: sliceSeconds, warmupSeconds: 0.5, maxRequests: 5_000_000 }, () => {
      const t = list[randomInt(list.length)]!;
      const q = t.questions![randomInt(t.questions!.length)]!;
      const key = `${r.target.label}/${t.attemptId}/${q.id}`;
      const seq = (seqs.get(key) ?? 0) + 1;
      seqs.set(key, seq);
      const body = { optionId: q.options[seq % q.options.length]!, seq };
      return r.target.mode === "floor"
        ? { method: "PUT", path: `/floor/${t.attemptId}/${q.id}`, body }
        : { method: "PUT", path: `/api/quiz/attempts/${t.attemptId}/answers/${q.id}`, headers: { authorization: `Bearer ${t.token}` }, body };
    }),
  );
  // Includes the half-second warm-up of the slice: a slight overestimate per request.
  r.cpuSeconds += (procStatus(r.server.ready.pid)?.cpuSeconds ?? NaN) - cpu0;
}

async function main() {
  console.log(`bench:quiz — answer save (PUT), ${settings}`);
  console.log(`machine: ${machine()}`);
  console.log(`load: ${concurrency} keep-alive connections on loopback, ${seconds} s measured per target in ${rounds} interleaved slices, ${takers} takers × 30 questions\n`);
  const targets: Target[] = [
    { label: "(a) floor: bare upsert route", mode: "floor" },
    { label: "(b) real API (group commit)", mode: "api", env: { QUIZ_GROUP_COMMIT: "1" } },
    // For comparison: the real API committing each save on its own, like the floor does.
    { label: "(c) real API, one commit per save", mode: "api", env: { QUIZ_GROUP_COMMIT: "0" } },
  ];

  const running: Running[] = [];
  try {
    for (const t of targets) running.push(await launch(t));
    // Interleaved slices, so a change in background load on the machine hits every target alike.
    for (let round = 0; round < rounds; round++) for (const r of running) await slice(r, seconds / rounds);
    const results = running.map((r) => mergeLoads(r.slices));
    // API CPU per request: what bounds a single-threaded API however the load generator fares on the shared cores.
    results.forEach((s, i) =>
      console.log(`${targets[i]!.label.padEnd(34)} ${fmt(s.rps).padStart(9)} req/s   p50 ${fmt(s.p50, 2).padStart(7)} ms   p99 ${fmt(s.p99, 2).padStart(7)} ms   API CPU ${fmt((1000 * running[i]!.cpuSeconds) / Math.max(1, s.requests), 3)} ms/request   errors ${s.errors}   (${s.requests} requests)`),
    );
    const [floor, real, single] = results as [LoadStats, LoadStats, LoadStats | undefined];
    const ratio = real.rps / floor.rps;
    console.log(`\nratio (b)/(a) requests/s: ${fmt(ratio, 2)}  (target ≥ 0.5: ${ratio >= 0.5 ? "met" : "NOT met"})`);
    if (single) console.log(`ratio (c)/(a) requests/s: ${fmt(single.rps / floor.rps, 2)}  (same checks, one commit per save)`);
    if (results.some((r) => r.errors)) process.exitCode = 1;
  } finally {
    for (const r of running) {
      r.http.close();
      await r.server.stop();
      await r.drop();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
