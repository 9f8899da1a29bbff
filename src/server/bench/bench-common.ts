import { type ChildProcess, fork } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildServer } from "../../../.config/build-server.mjs";
import type { Dialect } from "../db/database";
import { createTestDatabase, type TestDatabase } from "../test/dialects";
import type { ReadyMessage } from "./bench-server";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

let built: Promise<string> | null = null;
/**
 * The bench server runs from a build, as `npm start` runs the API (.config/build-server.mjs), not
 * through tsx: what is measured is what ships. Built once per process, removed at exit.
 */
export function builtBenchServer(): Promise<string> {
  built ??= (async () => {
    const outdir = path.join(ROOT, "node_modules", ".cache", "hvai-bench-server", String(process.pid));
    process.once("exit", () => rmSync(outdir, { recursive: true, force: true }));
    await buildServer({ outdir, entries: { "bench-server": "bench/bench-server.ts" } });
    return path.join(outdir, "bench-server.mjs");
  })();
  return built;
}

export type BenchServer = { child: ChildProcess; ready: ReadyMessage; baseUrl: string; stop(signal?: NodeJS.Signals): Promise<void> };

/**
 * Start a benchmark server process (floor or real API) on a fresh database and wait until it is
 * seeded and listening; `serve` boots the real API on a database the caller seeded (bench:surge).
 */
export async function startBenchServer(mode: "floor" | "api" | "serve", url: string, takers: number, extra: string[] = [], env: Record<string, string> = {}): Promise<BenchServer> {
  const child = fork(await builtBenchServer(), [mode, String(takers), ...extra], {
    // BENCH_NODE_ARGS: V8 or Node flags for the API alone, not the load generator (e.g. "--max-semi-space-size=2").
    execArgv: [...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []), ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, ...env, BENCH_DATABASE_URL: url },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    child.once("message", (m) => resolve(m as ReadyMessage));
    child.once("exit", (code) => reject(new Error(`bench server (${mode}) exited with code ${code} before it was ready`)));
  });
  child.removeAllListeners("exit");
  child.removeAllListeners("message");
  const stop = (signal: NodeJS.Signals = "SIGTERM") =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  return { child, ready, baseUrl: `http://127.0.0.1:${ready.port}`, stop };
}

export async function benchDatabase(dialect: Dialect): Promise<TestDatabase> {
  return createTestDatabase(dialect);
}

export function dialectArg(argv: readonly string[]): Dialect {
  const i = argv.indexOf("--db");
  const v = i < 0 ? "sqlite" : argv[i + 1];
  if (v !== "sqlite" && v !== "postgres") throw new Error("--db is sqlite or postgres");
  return v;
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

/** Send a message to a bench server and wait for its answer of type `reply`. */
export function ask<T>(server: BenchServer, message: object, reply: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (m: { type?: string }) => {
      if (m.type !== reply) return;
      server.child.off("message", onMessage);
      server.child.off("exit", onExit);
      resolve(m as T);
    };
    const onExit = () => {
      server.child.off("message", onMessage);
      reject(new Error(`bench server ${server.ready.pid} exited before answering ${reply}`));
    };
    server.child.on("message", onMessage);
    server.child.once("exit", onExit);
    // With a callback, a child that just died (SIGKILLed by the surge) rejects here instead of emitting an unhandled 'error'.
    server.child.send(message, (err) => {
      if (err) onExit();
    });
  });
}

/** `--name value` from the command line, else the fallback. */
export function benchArg(name: string, fallback: string, argv: readonly string[] = process.argv.slice(2)): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
}

/** `--db sqlite|postgres|both` (default both): the databases a bench measures. */
export function benchDialects(): Dialect[] {
  const db = benchArg("db", "both");
  return db === "both" ? ["sqlite", "postgres"] : [db as Dialect];
}
