import { monitorEventLoopDelay } from "node:perf_hooks";
import type { LeanAgent } from "./lean-http";
import { fmt, listenOverflows, percentile } from "./load";
import type { Fleet } from "./surge-fleet";
import type { SurgeProxy } from "./surge-proxy";
import type { SurgeState } from "./surge-state";

/**
 * bench:surge's line every `everyS` seconds while the takers run: saves and their p99, connections,
 * the API's RSS and V8 heap, the proxy's RSS, the generator's own event-loop delay and the kernel's
 * listen-queue drops. Returns a function that stops it.
 */
export function startTimeline(o: { t0: number; everyS: number; state: SurgeState; agents: LeanAgent[][]; fleet: Fleet; proxy: SurgeProxy | null }): () => void {
  const { t0, everyS, state, agents, fleet, proxy } = o;
  let lastSaves = 0;
  let lastOverflows = listenOverflows();
  // The phones' own event loop: a stalled generator inflates every latency it measures while the API idles.
  const loop = monitorEventLoopDelay({ resolution: 20 });
  loop.enable();
  // The API's V8 heap, asked over IPC every second (one question at a time: a busy API answers late): how much of its RSS is heap.
  let heap: NodeJS.MemoryUsage | null = null;
  let asking = false;
  const heapProbe = setInterval(() => {
    if (asking) return;
    asking = true;
    void fleet.memory().then((m) => {
      heap = m ?? heap;
      asking = false;
    });
  }, 1000);
  const progress = setInterval(() => {
    const s = (Date.now() - t0) / 1000;
    const saves = state.latencies.save.length;
    const recent = state.latencies.save.slice(lastSaves).sort((a, b) => a - b);
    const sockets = agents.reduce((n, phone) => n + phone.reduce((k, a) => k + a.open, 0), 0);
    state.peakSockets = Math.max(state.peakSockets, sockets);
    const api = fleet.now();
    // Connections the kernel dropped on a full listen queue in this slice: the phone's SYN is retried after 1, 3, 7… s.
    const overflows = listenOverflows();
    const dropped = overflows === null || lastOverflows === null ? "" : `; listen-queue drops ${overflows - lastOverflows}`;
    lastOverflows = overflows;
    const memory = `API RSS ${fmt(api.rssMiB, 0)} MiB${heap ? ` (V8 heap ${fmt(heap.heapTotal / 2 ** 20, 0)}, used ${fmt(heap.heapUsed / 2 ** 20, 0)})` : ""}${proxy ? `, proxy ${fmt(proxy.sample().rssMiB, 0)} MiB` : ""}`;
    const errors = `errors ${state.expectedConnFailures} expected, ${[...state.unexpected.values()].reduce((a, b) => a + b, 0)} other`;
    console.log(
      `  ${fmt(s, 0).padStart(4)} s: ${state.started - state.finished} taking the test, ${state.finished} done; ${fmt((saves - lastSaves) / everyS, 0)} saves/s, save p99 ${fmt(percentile(recent, 99), 0)} ms; ${sockets} connections; ${memory}; generator loop delay max ${fmt(loop.max / 1e6, 0)} ms${dropped}; ${errors}`,
    );
    lastSaves = saves;
    loop.reset();
  }, everyS * 1000);
  return () => {
    clearInterval(progress);
    clearInterval(heapProbe);
    loop.disable();
  };
}
