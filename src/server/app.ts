import cors from "@fastify/cors";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { participationStage } from "../domain/contest/participation";
import type { AppContext, AppHooks } from "./app-context";
import type { Env } from "./config/env";
import { withSessionSecret } from "./config/session-secret";
import { type ContestPack, loadContestPack } from "./content/pack-loader";
import { createDb, type DbHandle } from "./db/database";
import { createGroupCommitCache } from "./db/group-commit";
import { migrateToLatest } from "./db/migrate";
import { authFeaturePlugin } from "./features/auth";
import { certificatesPlugin } from "./features/certificates";
import { contestPlugin } from "./features/contest";
import { demoHooks, demoPlugin, loadDemoClock } from "./features/demo";
import { juryPlugin } from "./features/jury";
import { learningPlugin } from "./features/learning";
import { privacyPlugin } from "./features/privacy";
import { peoplePlugin } from "./features/people";
import { createParticipationCache } from "./features/participation";
import { createQuizCache, quizPlugin } from "./features/quiz";
import { createRankingCache, liveRankingSource, rankingPlugin } from "./features/ranking";
import { remindersPlugin } from "./features/reminders";
import { reportsPlugin } from "./features/reports";
import { createStagesCache, stagesPlugin } from "./features/stages";
import { syncUnits, unitsHooks, unitsPlugin } from "./features/units";
import auth from "./plugins/auth";
import docs from "./plugins/docs";
import errorHandler from "./plugins/error-handler";
import rateLimits from "./plugins/rate-limits";
import securityHeaders from "./plugins/security-headers";
import { withRedaction } from "./shared/log-redaction";
import { closeUploadPool } from "./shared/uploads/worker-pool";
import webApp from "./plugins/web-app";
import { type Clock, systemClock } from "./shared/clock";
import { createFileStore } from "./shared/files/create-file-store";
import { entriesHooks, entriesPlugin } from "./features/entries";

/**
 * Pending connections the kernel may queue for accept() (Node's default is 511; Linux caps it at
 * net.core.somaxconn, 4096 here). At the deadline hundreds of phones connect a second while the
 * API's thread is busy (SQLite is synchronous); past the queue the kernel drops the SYN and the
 * phone retries after 1, 3, 7… s — the multi-second first request of the surge bench.
 */
export const LISTEN_BACKLOG = 4096;

export type BuildOptions = {
  env: Env;
  clock?: Clock;
  /** Use this pack instead of loading env.CONTEST_PACK (tests). */
  pack?: ContestPack;
  /** Serve a built app from this folder (default ./www). */
  wwwDir?: string;
  logger?: FastifyServerOptions["logger"];
};

/** Trust exactly `hops` proxies in front of the API (X-Forwarded-For entries, nearest first). */
const hopsOf = (hops: number) => (_addr: string, i: number) => i < hops;

/**
 * Builds the whole API. server.ts only listens; tests call this and use app.inject().
 * What runs is all here: the cross-cutting plugins, one plugin per feature (its routes, its jobs,
 * started on ready and stopped on close), the hooks between features, and the per-app caches.
 */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  // Fail closed: no configured secret means a random one kept in the data directory, never a published default.
  const env = withSessionSecret(opts.env);
  // Outside the demo, a bad pack stops start-up before the database is touched.
  const early = opts.pack ?? (env.AUTH_DEV ? undefined : loadContestPack(env.CONTEST_PACK, (opts.clock ?? systemClock).now()));
  const handle: DbHandle = createDb(env.DATABASE_URL);
  let demo: Awaited<ReturnType<typeof loadDemoClock>> | null = null;
  let pack: ContestPack;
  try {
    await migrateToLatest(handle.db);
    // AUTH_DEV: a settable contest clock, persisted, and the demo pack's dates fixed at its first start.
    demo = env.AUTH_DEV ? await loadDemoClock(handle.db, opts.clock ?? systemClock) : null;
    pack = early ?? loadContestPack(env.CONTEST_PACK, demo?.anchor ?? new Date());
    await syncUnits(handle.db, pack.units);
  } catch (err) {
    await handle.db.destroy();
    throw err;
  }
  const clock = demo?.clock ?? opts.clock ?? systemClock;

  const app = Fastify({
    // Signed links carry their token in the query: it never reaches the log.
    logger: withRedaction(opts.logger ?? { level: env.LOG_LEVEL }),
    // Zalo's WebView and mobile proxies retry; keep bodies small but room for roster uploads (multipart has its own limit).
    bodyLimit: 1024 * 1024,
    // Behind nginx/Caddy the client's IP comes from X-Forwarded-For (rate limits, logs).
    trustProxy: typeof env.trustProxy === "number" ? hopsOf(env.trustProxy) : env.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const hooks: AppHooks = {
    // A phone verified through Zalo that is on a unit's roster fills in the person's unit (units).
    phoneVerified: [unitsHooks.phoneVerified],
    // Demo only: a demo account that picks a unit with a list is put on it, so its actions move the board.
    profileUpdated: demo ? [demoHooks.profileUpdated] : [],
    // Invitations go out at once (not at the next job tick); demo only: the other qualified units' entries are seeded.
    qualifiersConfirmed: [entriesHooks.qualifiersConfirmed, ...(demo ? [entriesHooks.demoQualifiersConfirmed] : [])],
  };
  const caches: AppContext["caches"] = {
    participation: createParticipationCache(),
    ranking: createRankingCache(),
    stages: createStagesCache(),
    quiz: createQuizCache(),
    groupCommit: createGroupCommitCache(),
  };
  const sessionClock = opts.clock ?? systemClock;
  const ctx: AppContext = { env, db: handle.db, dialect: handle.dialect, durable: handle.durable, pack, clock, sessionClock, hooks, caches, files: createFileStore(env) };
  app.decorate("ctx", ctx);
  app.addHook("onClose", async () => {
    await closeUploadPool();
    await handle.db.destroy();
  });

  // A request that may have written is answered only once its commits are on disk (SQLite: ADR 0009).
  app.addHook("onSend", async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD" && request.method !== "OPTIONS") await ctx.durable();
  });

  // localhost origins (the Vite dev server, tests) only outside production or with the demo sign-in.
  const localOrigins = env.AUTH_DEV || env.NODE_ENV !== "production";
  await app.register(cors, {
    origin: (origin, cb) => {
      // No Origin: same-origin or server-to-server.
      if (!origin || env.corsOrigins.includes(origin) || (localOrigins && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin))) cb(null, true);
      else cb(null, false);
    },
    // The app reads a renewed session token and how long to wait after a 429.
    exposedHeaders: ["x-session-token", "retry-after"],
  });
  await app.register(errorHandler);
  await app.register(docs);
  await app.register(auth);
  await app.register(rateLimits);
  await app.register(securityHeaders);

  // Features (docs/architecture.md). Participation has no routes: others read it through its index.
  await app.register(authFeaturePlugin);
  await app.register(contestPlugin);
  await app.register(learningPlugin);
  await app.register(unitsPlugin);
  await app.register(remindersPlugin); // job: reminder scheduler + sender (when REMINDERS_WORKER)
  await app.register(quizPlugin); // job: overdue-attempt sweeper (every 30 s)
  await app.register(rankingPlugin);
  // Closing Stage 1 freezes the live participation ranking; Stages 2 and 3 add theirs when they land.
  await app.register(stagesPlugin, { rankings: { [participationStage(pack.stages).id]: liveRankingSource } });
  await app.register(reportsPlugin);
  await app.register(peoplePlugin);
  await app.register(certificatesPlugin);
  await app.register(entriesPlugin); // jobs: invitations to qualified units' leads, orphan-file sweep
  await app.register(juryPlugin); // Stage-2 round 1 and the Stage-3 final read entries through one repository function
  await app.register(privacyPlugin); // job: retention check (hourly): anonymises everyone once the period after the contest has passed
  if (demo) await app.register(demoPlugin, { clock: demo.clock, seed: pack.id === "demo" && (env.DEMO_SEED ?? env.NODE_ENV !== "test") });

  await app.register(webApp, { wwwDir: opts.wwwDir });
  return app;
}
