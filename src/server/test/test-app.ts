import type { FastifyInstance } from "fastify";
import type { Role, SessionResponse } from "../../domain/auth/auth.schema";
import { buildApp } from "../app";
import { issueSessionToken } from "../features/auth/session-token";
import { type Env, parseEnv, RATE_LIMITS_OFF } from "../config/env";
import { type ContestPack, loadContestPack } from "../content/pack-loader";
import type { Dialect } from "../db/database";
import { type Clock, createTestClock } from "../shared/clock";
import { createTestDatabase, type TestDatabase } from "./dialects";

export type TestApp = {
  app: FastifyInstance;
  env: Env;
  clock: ReturnType<typeof createTestClock>;
  pack: ContestPack;
  database: TestDatabase;
  /** Dev sign-in; returns the bearer token and the user. */
  signIn(name: string, role?: Role, unitCode?: string): Promise<SessionResponse & { auth: { authorization: string } }>;
  close(): Promise<void>;
};

const demoPackCache = new Map<string, ContestPack>();

/** The demo pack loaded relative to `now` (cached per instant to keep suites fast). */
export function demoPack(now: Date): ContestPack {
  const key = now.toISOString();
  let pack = demoPackCache.get(key);
  if (!pack) {
    pack = loadContestPack("demo", now);
    demoPackCache.set(key, pack);
  }
  return structuredClone(pack);
}

/** A real API on a fresh real database of the given dialect, with a controllable clock. */
export async function buildTestApp(
  dialect: Dialect,
  opts: { env?: Record<string, string>; clock?: Clock & ReturnType<typeof createTestClock>; pack?: (p: ContestPack) => ContestPack; wwwDir?: string } = {},
): Promise<TestApp> {
  const clock = opts.clock ?? createTestClock(new Date());
  const database = await createTestDatabase(dialect);
  const env = parseEnv({
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    AUTH_DEV: "1",
    SESSION_SECRET: "test-secret-test-secret-test-secret",
    ZALO_APP_ID: "fake-mini-app",
    ZALO_APP_SECRET: "fake-app-secret",
    REMINDERS_WORKER: "0",
    ENTRIES_JOBS: "0",
    LOG_LEVEL: "silent",
    // Suites sign in many people from 127.0.0.1; rate-limit tests set their own values.
    ...RATE_LIMITS_OFF,
    ...opts.env,
  });
  const base = demoPack(clock.now());
  const pack = opts.pack ? opts.pack(base) : base;
  const app = await buildApp({ env, clock, pack, logger: false, wwwDir: opts.wwwDir ?? "/nonexistent" });
  await app.ready();
  return {
    app,
    env,
    clock,
    pack,
    database,
    async signIn(name, role, unitCode) {
      const res = await app.inject({ method: "POST", url: "/api/auth/dev", payload: { name, role, unitCode } });
      if (res.statusCode !== 200) throw new Error(`dev sign-in failed: ${res.statusCode} ${res.body}`);
      const body = res.json() as SessionResponse;
      // Tests move the test clock (even months back): the header is re-signed at the clock's "now" each
      // time it is read, for the same session (same id and version, so sign-outs still bite).
      const [, , sessionId, version] = body.token.split(".");
      const auth = {
        get authorization() {
          return `Bearer ${issueSessionToken(env.SESSION_SECRET, body.user.id, clock.now(), Number(version), sessionId)}`;
        },
      };
      return { ...body, auth };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
