import { dialectArg } from "./bench-common";
import { fmt, openFileLimit } from "./load";
import type { Finish } from "./surge-state";

/** bench:surge's command line (see surge-bench.ts for the flags), parsed once. */

const argv = process.argv.slice(2);
export const has = (name: string) => argv.includes(`--${name}`);
export const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const num = (name: string, fallback: number) => {
  const v = arg(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number ≥ 0`);
  return n;
};
const range = (name: string, fallback: [number, number]): [number, number] => {
  const v = arg(name);
  const m = v === undefined ? null : /^([\d.]+)-([\d.]+)$/.exec(v);
  if (v !== undefined && (!m || Number(m[1]) > Number(m[2]))) throw new Error(`--${name} is a range of seconds, e.g. 5-15`);
  return m ? [Number(m[1]), Number(m[2])] : fallback;
};

export const quick = has("quick");
/** --proxy: HAProxy in front of the API replicas (surge-proxy.ts), as in production. */
export const proxied = has("proxy");
/** --proxy-maxconn: connections the proxy opens to each API (default API_MAXCONN in surge-proxy.ts). */
export const proxyMaxconn = arg("proxy-maxconn") === undefined ? null : num("proxy-maxconn", 100);
export const dialect = dialectArg(argv);
export const takers = num("takers", quick ? 2_000 : 20_000);
export const replicas = num("replicas", 1);
export const windowS = num("window", quick ? 10 : 60);
export const think = range("think", quick ? [0.5, 1.5] : [5, 15]);
export const thinkMean = (think[0] + think[1]) / 2;
export const CHANGE = 0.15;
export const killAt = has("no-kill") ? null : num("kill-at", Math.round(windowS + 12 * thinkMean));
/** Seconds until the deadline (Stage 1's close): the last starters have time to finish, with margin (and time for the restart). */
export const deadlineS = num("deadline", Math.ceil(windowS + 1.25 * 30 * thinkMean * (1 + CHANGE / 2) + (killAt === null ? 10 : 30)));
export const sendout = num("sendout", 0);
export const sendoutAt = num("sendout-at", killAt === null ? windowS : Math.round(killAt + (deadlineS - killAt) / 3));
export const graceS = arg("grace") === undefined ? (quick ? 5 : null) : num("grace", 30);
export const offline = range("offline", quick ? [2, 8] : [10, 60]);
/** The app's outbox retries every 5 s (RETRY_EVERY_MS in src/app/shared/offline/outbox-sync.tsx). */
export const RETRY_MS = 5000;

export function finishOf(r: number): Finish {
  return r < 0.15 ? "last-second" : r < 0.3 ? "sweeper" : "submit";
}

/** Keep-alive connections (phones) and sockets per phone that the open-file limit allows; prints the plan. */
export function connectionPlan(): { connections: number; socketsPerPhone: number } {
  const limit = openFileLimit();
  // The load generator holds one socket per taker; so does each API process for its share (or the proxy, with --proxy). Leave room for everything else.
  const budget = (limit?.soft ?? 1024) - 1000;
  const connections = Math.max(1, Math.min(takers, budget));
  // A phone opens a second connection when a replay and a new tap overlap; where the descriptors
  // cannot cover two per phone, one (requests queue on it) so neither the generator nor the API
  // (which holds the other end of each) runs out of descriptors (EMFILE).
  const socketsPerPhone = Math.max(1, Math.min(2, Math.floor(budget / connections)));
  const raise =
    limit && limit.hard > limit.soft
      ? `raise with \`ulimit -n ${Math.min(limit.hard, 2 * takers + 1000)}\` in this shell`
      : "the hard limit is reached: raise it (nofile in /etc/security/limits.conf, LimitNOFILE= for systemd, docker --ulimit nofile=65536:65536)";
  console.log(
    `open files: soft ${limit?.soft ?? "?"}, hard ${limit?.hard ?? "?"} → ${connections} keep-alive connections` +
      (connections < takers ? ` (${fmt(takers / connections, 2)} takers a connection; ${raise})` : " (one per taker)") +
      `, at most ${socketsPerPhone} socket${socketsPerPhone > 1 ? "s" : ""} each${socketsPerPhone < 2 ? ` (two need ${2 * connections + 1000} descriptors; ${raise})` : ""}`,
  );
  return { connections, socketsPerPhone };
}
