import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dialectOf, sqlitePath } from "../db/database";
import type { Env } from "./env";

/** Where the generated secret lives: beside the SQLite file, or ./data with PostgreSQL. */
export function dataDirOf(env: Pick<Env, "DATABASE_URL">): string {
  const url = env.DATABASE_URL;
  if (dialectOf(url) === "postgres") return path.resolve("data");
  const file = sqlitePath(url);
  return file === ":memory:" ? path.resolve("data") : path.dirname(path.resolve(file));
}

/**
 * Fail closed: with no SESSION_SECRET the server never falls back to a known value. It generates 48
 * random bytes once and keeps them (mode 600) in the data directory, so `npm start` works and a
 * restart keeps everyone signed in. Several replicas must share a SESSION_SECRET instead.
 */
export function withSessionSecret<E extends Pick<Env, "DATABASE_URL" | "SESSION_SECRET">>(env: E, dir = dataDirOf(env)): E {
  if (env.SESSION_SECRET) return env;
  const file = path.join(dir, "session-secret");
  if (existsSync(file)) {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= 32) return { ...env, SESSION_SECRET: kept };
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { ...env, SESSION_SECRET: secret };
}
