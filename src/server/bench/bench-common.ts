import { type ChildProcess, fork } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Db, Dialect } from "../db/database";
import { createTestDatabase, type TestDatabase } from "../test/dialects";
import type { ReadyMessage } from "./bench-server";

const SERVER = fileURLToPath(new URL("./bench-server.ts", import.meta.url));

export type BenchServer = { child: ChildProcess; ready: ReadyMessage; baseUrl: string; stop(signal?: NodeJS.Signals): Promise<void> };

/**
 * Start a benchmark server process (floor or real API) on a fresh database and wait until it is
 * seeded and listening; `serve` boots the real API on a database the caller seeded (bench:surge).
 */
export async function startBenchServer(mode: "floor" | "api" | "serve", url: string, takers: number, extra: string[] = [], env: Record<string, string> = {}): Promise<BenchServer> {
  const child = fork(SERVER, [mode, String(takers), ...extra], {
    execArgv: ["--import", "tsx", ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
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

/** Deterministic pseudo-random numbers, so every run builds the same city. */
export function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


/** Multi-row inserts in one transaction (seeding synthetic cities for benchmarks). */
export async function insertMany<T extends Record<string, unknown>>(db: Db, table: string, rows: T[], perStatement: number): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += perStatement) {
      const part = rows.slice(i, i + perStatement);
      const values = sql.join(part.map((r) => sql`(${sql.join(cols.map((c) => r[c]))})`));
      await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) values ${values}`.execute(trx);
    }
  });
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
    server.child.send(message);
  });
}
