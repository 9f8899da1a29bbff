import os from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { loadContestPack } from "../content/pack-loader";
import { createDb } from "../db/database";
import { mulberry32 } from "../features/demo/synthetic-city";
import { benchDatabase, machine } from "./bench-common";
import { fmt, listenOverflows, openFileLimit, percentile } from "./load";
import { type Audit, auditSurge, databaseBytes, waitForSweeper } from "./surge-audit";
import { seedCity } from "./surge-city";
import { LeanAgent } from "./lean-http";
import { Fleet, pin } from "./surge-fleet";
import { aroundTheKill, distribution, latencyLine, profilesOf, topSelfTime } from "./surge-report";
import { KINDS, SurgeState } from "./surge-state";
import { Taker } from "./surge-taker";
import { startTimeline } from "./surge-timeline";
import {
  CHANGE, connectionPlan, deadlineS, dialect, finishOf, graceS, has, killAt, offline, proxied, proxyMaxconn, quick, replicas, RETRY_MS, sendout, sendoutAt, takers, think, windowS,
} from "./surge-options";
import { API_MAXCONN, SurgeProxy } from "./surge-proxy";
import { participationStage } from "../../domain/contest/participation";

/**
 * npm run bench:surge [-- --quick] [--takers 20000] [--window 60] [--think 5-15] [--db sqlite|postgres]
 *   [--replicas 3] [--kill-at 180 | --no-kill] [--kill-all] [--sendout 100000] [--sendout-at S] [--grace 30] [--pin] [--proxy [--proxy-maxconn 100]]
 * The last evening of Stage 1 on the hai-phong-2026 pack: N takers from all 114 communes and the
 * departments (by roster size) start within the window, each with their own keep-alive
 * connection; they answer 30 questions with think time, change some answers, lose the network
 * for a while (their outbox replays), and finish by submitting, at the last second, or not at all
 * (the sweeper closes those at the deadline). In the middle the API is SIGKILLed and restarted on
 * the same database. Then the database is audited. See the README (performance) for the figures.
 */

async function main() {
  console.log(`bench:surge — the last evening of Stage 1: ${takers} takers starting within ${windowS} s, think ${think[0]}–${think[1]} s, deadline at ${deadlineS} s, ${dialect}${replicas > 1 ? ` × ${replicas} API replicas` : ""}`);
  console.log(`machine: ${machine()}; load average ${os.loadavg().map((l) => fmt(l, 1)).join(" ")}`);
  const { connections, socketsPerPhone } = connectionPlan();
  const pack = loadContestPack("hai-phong-2026");
  const closesAt = Date.parse(participationStage(pack.stages).closesAt);
  const database = await benchDatabase(dialect);
  let fleet: Fleet | null = null;
  let proxy: SurgeProxy | null = null;
  // Ctrl-C: kill the APIs and remove the temporary database rather than leave them behind.
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => void Promise.all([fleet?.kill(), proxy?.stop()]).then(() => database.drop()).finally(() => process.exit(130)));

  const tSeed = performance.now();
  const seedDb = createDb(database.url);
  const city = await seedCity(seedDb.db, pack, takers, sendout, new Date(closesAt - 3600_000));
  await seedDb.db.destroy();
  if (city.takers.length !== takers) throw new Error(`seeded ${city.takers.length} takers, not ${takers}`);
  const sizes = city.units.map((u) => u.takers).sort((a, b) => a - b);
  console.log(`seeded ${takers} takers in ${city.units.length} units (per unit min ${sizes[0]}, median ${sizes[sizes.length >> 1]}, max ${sizes[sizes.length - 1]})${sendout ? ` and ${sendout} people for the send-out` : ""} in ${fmt((performance.now() - tSeed) / 1000)} s`);

  const env: Record<string, string> = { BENCH_CLOCK_OFFSET_MS: String(closesAt - (Date.now() + deadlineS * 1000)) };
  if (graceS !== null) env.BENCH_GRACE_SECONDS = String(graceS);
  if (sendout) env.BENCH_SENDOUT_OFFSET = `-${Math.ceil((deadlineS - sendoutAt) / 60)}m`;
  // --pin: the API(s) on CPU 0, the load generator on the others, so neither takes the other's core.
  const cpus = os.cpus().length;
  if (has("pin") && cpus < 2) throw new Error("--pin needs at least two CPUs");
  if (has("pin")) pin(process.pid, `1-${cpus - 1}`);
  fleet = new Fleet(database.url, env, has("pin") ? "0" : null);
  await fleet.start(replicas);
  if (proxied) {
    // The proxy holds the phones' connections (and a few upstream ones): up to the open-file limit less some room.
    proxy = await SurgeProxy.start(fleet.targets.map((t) => Number(new URL(t.baseUrl).port)), Math.max(1024, (openFileLimit()?.soft ?? 1024) - 200), proxyMaxconn ?? API_MAXCONN);
    if (has("pin")) pin(proxy.pid(), "0");
    console.log(`HAProxy (pid ${proxy.pid()}) on port ${proxy.port} in front of the API${replicas > 1 ? "s" : ""}, at most ${proxyMaxconn ?? API_MAXCONN} connections to each (the rest queue in the proxy)`);
  }
  const t0 = Date.now() + 1000;
  const deadlineAt = t0 + deadlineS * 1000;
  await fleet.setClock(closesAt - deadlineAt);
  const grace = (graceS ?? pack.quiz.graceSeconds) * 1000;
  console.log(`${has("pin") ? `pinned: API on CPU 0, load generator on CPU 1${cpus > 2 ? `-${cpus - 1}` : ""}; ` : ""}API pid ${fleet.livePids().join(", ")}; server clock: the deadline is Stage 1's close (${pack.stages[0]!.closesAt}), grace ${grace / 1000} s`);

  const state = new SurgeState(fleet.targets, deadlineAt, grace, proxy !== null);
  // A phone talks to the proxy, or (without one) has a connection pool per replica and balances itself.
  const ports = proxy ? [proxy.port] : fleet.targets.map((t) => Number(new URL(t.baseUrl).port));
  const agents = Array.from({ length: connections }, () => ports.map((port) => new LeanAgent("127.0.0.1", port, socketsPerPhone)));
  const rnd = mulberry32(20260610);
  const list = city.takers.map((t, i) => {
    const offlinePlan = rnd() < 0.3 ? { afterAnswer: 3 + Math.floor(rnd() * 22), ms: 1000 * (offline[0] + rnd() * (offline[1] - offline[0])) } : null;
    return new Taker(state, {
      token: t.token,
      startAt: t0 + rnd() * windowS * 1000,
      thinkMs: [think[0] * 1000, think[1] * 1000],
      changeProb: CHANGE,
      staleProb: 0.2,
      offline: offlinePlan,
      finish: finishOf(rnd()),
      retryMs: RETRY_MS,
      replica: proxy ? 0 : i % replicas,
      agents: agents[i % connections]!,
      rnd: mulberry32(i + 1),
    });
  });

  const events: string[] = [];
  let killed: Promise<void> = Promise.resolve();
  if (killAt !== null) {
    const which = has("kill-all") ? fleet.targets.map((_, i) => i) : [replicas > 1 ? 1 : 0];
    killed = sleep(t0 + killAt * 1000 - Date.now()).then(async () => {
      const down = await fleet.killAndRestart(which);
      events.push(`SIGKILL of API replica ${which.join(", ")} at ${killAt} s; listening again after ${down.map((d) => fmt(d, 1)).join(", ")} s (new pid ${fleet.livePids().join(", ")})`);
    });
  }
  let sendoutWindow: SendoutWindow | null = null;
  const sent = !sendout
    ? Promise.resolve()
    : sleep(t0 + sendoutAt * 1000 - Date.now()).then(async () => {
        const from = Date.now();
        const r = await fleet.sendout();
        sendoutWindow = { from, to: Date.now(), queued: r.queued, error: r.error };
      });

  const overflows0 = listenOverflows();
  const cpu0 = process.cpuUsage();
  const apiCpu0 = fleet.now().cpuSeconds;
  const proxyCpu0 = proxy?.sample().cpuSeconds ?? 0;
  const stopTimeline = startTimeline({ t0, everyS: quick ? 5 : 10, state, agents, fleet, proxy });

  await Promise.all(list.map((t) => t.run()));
  await killed;
  await sent;
  stopTimeline();
  const surgeSeconds = (Date.now() - t0) / 1000;
  const loadCpu = process.cpuUsage(cpu0);
  const apiCpu = fleet.now().cpuSeconds - apiCpu0;
  const proxyFigures = proxy ? { ...proxy.sample(), cpuSeconds: proxy.sample().cpuSeconds - proxyCpu0 } : null;
  const overflows = overflows0 === null ? null : (listenOverflows() ?? overflows0) - overflows0;
  agents.forEach((phone) => phone.forEach((a) => a.destroy()));

  // Attempts nobody submitted: the sweeper (every 30 s in each API process) closes them after the deadline and grace.
  await waitForSweeper(database.url, deadlineAt + grace + 75_000);
  const sweptAfter = (Date.now() - deadlineAt) / 1000;
  const loadEnd = os.loadavg();
  const procs = fleet.report();
  const finalPids = fleet.livePids();
  await fleet.stop();
  await proxy?.stop();
  const audit = await auditSurge(database.url, list);
  const bytes = await databaseBytes(database.url, dialect);
  await database.drop();

  const bad = printResult({ surgeSeconds, state, list, events, audit, sweptAfter, procs, apiCpu, overflows, loadCpu, bytes, loadEnd, sendoutWindow: sendoutWindow as SendoutWindow | null, crashes: fleet.crashes, finalPids, proxy: proxyFigures });
  if (bad) process.exitCode = 1;
}

type SendoutWindow = { from: number; to: number; queued: number; error?: string };
type Result = {
  surgeSeconds: number;
  state: SurgeState;
  list: Taker[];
  events: string[];
  audit: Audit;
  sweptAfter: number;
  procs: ReturnType<Fleet["report"]>;
  apiCpu: number;
  overflows: number | null;
  loadCpu: NodeJS.CpuUsage;
  bytes: number;
  loadEnd: number[];
  sendoutWindow: SendoutWindow | null;
  crashes: string[];
  finalPids: number[];
  proxy: { cpuSeconds: number; peakRssMiB: number } | null;
};

/** Print the figures and the audit; returns how many things went wrong (0 = a clean run). */
function printResult({ surgeSeconds, state, list, events, audit, sweptAfter, procs, apiCpu, overflows, loadCpu, bytes, loadEnd, sendoutWindow, crashes, finalPids, proxy }: Result): number {
  const all = KINDS.flatMap((k) => state.latencies[k]);
  const submitted = list.filter((t) => t.submitted).length;
  const lastSecond = list.filter((t) => t.submitted && t.plan.finish === "last-second").length;
  const leftToSweeper = list.filter((t) => t.attemptId && t.plan.finish === "sweeper").length;
  const gaveUp = list.filter((t) => t.gaveUp);
  const unexpected = [...state.unexpected.values()].reduce((s, n) => s + n, 0);
  console.log(`\nresult — ${takers} takers, surge of ${fmt(surgeSeconds, 0)} s, ${fmt(all.length / surgeSeconds, 0)} requests/s, ${fmt(state.latencies.save.length / surgeSeconds, 0)} acknowledged saves/s on average:`);
  console.log(`  takers: ${submitted} submitted and got their result (${lastSecond} in the last 3 s before the deadline), ${leftToSweeper} left it to the sweeper, ${gaveUp.length} gave up${gaveUp.length ? ` (at ${[...new Set(gaveUp.map((t) => t.gaveUp))].join(", ")})` : ""}`);
  console.log(latencyLine("all", all));
  for (const k of KINDS) console.log(latencyLine(k, state.latencies[k]));
  for (const e of events) console.log(`  ${e}`);
  const killed = state.targets.findIndex((t) => t.downFrom !== null);
  const killedAt = state.targets[killed]?.downFrom;
  const answered = { ms: [...state.latencies.save, ...state.latencies.backlog], sentAt: [...state.saveSentAt, ...state.backlogSentAt] };
  if (killedAt) console.log(`  requests carrying answers (save, backlog) by the second they were sent, around the kill of replica ${killed}:\n${aroundTheKill(answered.ms, answered.sentAt, killedAt).join("\n")}`);
  const carried = state.backlogAnswers.reduce((a, b) => a + b, 0);
  console.log(`  backlogs: ${state.backlogAnswers.length} requests carried ${carried} answers (${fmt(carried / Math.max(1, state.backlogAnswers.length), 1)} each on average)`);
  console.log(`  takers without service (first failed request → next answer): ${distribution(state.gapsMs)}`);
  console.log(`  errors: ${state.expectedConnFailures} expected connection failures while an API was down; ${unexpected} other errors${state.examples.length ? `\n    e.g. ${state.examples.join("\n    e.g. ")}` : ""}`);
  console.log(`  saves refused after the deadline: ${state.lateRefused}; responses lost when a phone went offline: ${state.lostToOffline}; late copies of older saves refused: ${state.staleRefused} (applied: ${state.staleApplied})`);
  console.log(`  audit: ${audit.attempts} attempts (${audit.submitted} submitted, ${audit.expired} expired, ${audit.stillActive} still open ${fmt(sweptAfter, 0)} s after the deadline, ${audit.duplicateAttempts} duplicates)`);
  console.log(`         acknowledged answers: ${audit.ackedAnswers}; lost ${audit.lost}, wrong option ${audit.wrongOption}, never sent ${audit.phantom}; newer than the last acknowledgement (sent, answer lost): ${audit.newerThanAcked}`);
  console.log(`         scores ≠ recomputed from the stored answers: ${audit.scoreMismatches} of ${audit.submitted + audit.expired}; submit answers ≠ stored: ${audit.submitMismatches} of ${submitted}`);
  for (const e of audit.examples) console.log(`    ${e}`);
  for (const p of procs)
    console.log(`  API pid ${p.pid}${replicas > 1 ? ` (replica ${p.replica})` : ""}${p.killed ? " [SIGKILLed]" : ""}: boot ${fmt(p.bootSeconds, 1)} s, CPU ${fmt(p.cpuSeconds, 1)} s (${fmt(100 * p.cpuShare, 0)} % of a core), peak RSS ${fmt(p.peakRssMiB, 0)} MiB`);
  console.log(`  API CPU during the surge: ${fmt(apiCpu, 1)} s = ${fmt((100 * apiCpu) / surgeSeconds, 0)} % of one core (the machine has ${os.cpus().length}, shared)`);
  if (proxy) console.log(`  HAProxy in front: CPU ${fmt(proxy.cpuSeconds, 1)} s = ${fmt((100 * proxy.cpuSeconds) / surgeSeconds, 0)} % of one core; peak RSS ${fmt(proxy.peakRssMiB, 0)} MiB`);
  // A starved API accepts too slowly: the kernel drops new connections (the phone sees ECONNRESET) once its listen queue (511) is full.
  if (overflows !== null) console.log(`  connections dropped on a full listen queue during the surge (whole machine, TcpExt ListenOverflows): ${overflows}`);
  console.log(`  load generator CPU ${fmt((loadCpu.user + loadCpu.system) / 1e6, 1)} s, peak RSS ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MiB; peak ${state.peakSockets} open connections; database ${fmt(bytes / 2 ** 20, 1)} MiB; load average at the end ${loadEnd.map((l) => fmt(l, 1)).join(" ")}`);
  const sw = sendoutWindow;
  if (sw) {
    const during = state.latencies.save.filter((_, i) => state.saveSentAt[i]! >= sw.from && state.saveSentAt[i]! <= sw.to).sort((a, b) => a - b);
    const before = state.latencies.save.filter((_, i) => state.saveSentAt[i]! >= 2 * sw.from - sw.to && state.saveSentAt[i]! < sw.from).sort((a, b) => a - b);
    console.log(`  send-out: ${sw.queued} reminders expanded in ${fmt((sw.to - sw.from) / 1000, 1)} s${sw.error ? ` (failed: ${sw.error})` : ""}; save p99 during it ${fmt(percentile(during, 99), 0)} ms (${during.length} saves), just before ${fmt(percentile(before, 99), 0)} ms`);
  }
  for (const c of crashes) console.log(`  ${c}`);
  const profDir = process.env.BENCH_CPU_PROF;
  if (profDir)
    for (const pid of finalPids)
      for (const f of profilesOf(profDir, pid)) console.log(`\ntop 10 self time, API pid ${pid} (after the restart; a SIGKILLed process writes no profile) — ${f}\n${topSelfTime(f).join("\n")}`);
  return audit.lost + audit.wrongOption + audit.phantom + audit.scoreMismatches + audit.submitMismatches + audit.stillActive + audit.duplicateAttempts + unexpected + crashes.length + gaveUp.length;
}

// Exit once the result is printed: takers' pending retry timers and half-closed sockets would keep the process alive.
main().then(
  () => process.exit(),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
