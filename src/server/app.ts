import cors from "@fastify/cors";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "./app-context";
import type { Env } from "./config/env";
import { type ContestPack, loadContestPack } from "./content/pack-loader";
import { createDb, type DbHandle } from "./db/database";
import { migrateToLatest } from "./db/migrate";
import authRoutes from "./features/auth/auth.routes";
import contestRoutes from "./features/contest/contest.routes";
import { loadDemoClock } from "./features/demo/demo-clock";
import demoRoutes from "./features/demo/demo.routes";
import learningRoutes from "./features/learning/learning.routes";
import remindersRoutes from "./features/reminders/reminders.routes";
import itemAnalysisRoutes from "./features/quiz/item-analysis.routes";
import quizRoutes from "./features/quiz/quiz.routes";
import { syncUnits } from "./features/units/units.repository";
import unitsRoutes from "./features/units/units.routes";
import auth from "./plugins/auth";
import docs from "./plugins/docs";
import errorHandler from "./plugins/error-handler";
import webApp from "./plugins/web-app";
import { type Clock, systemClock } from "./shared/clock";

export type BuildOptions = {
  env: Env;
  clock?: Clock;
  /** Use this pack instead of loading env.CONTEST_PACK (tests). */
  pack?: ContestPack;
  /** Serve a built app from this folder (default ./www). */
  wwwDir?: string;
  logger?: FastifyServerOptions["logger"];
};

/** Builds the whole API. server.ts only listens; tests call this and use app.inject(). */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { env } = opts;
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
    logger: opts.logger ?? { level: env.LOG_LEVEL },
    // Zalo's WebView and mobile proxies retry; keep bodies small but room for roster uploads (multipart has its own limit).
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const ctx: AppContext = { env, db: handle.db, dialect: handle.dialect, pack, clock, hooks: { phoneVerified: [], profileUpdated: [] } };
  app.decorate("ctx", ctx);
  app.addHook("onClose", async () => {
    await handle.db.destroy();
  });

  await app.register(cors, {
    origin: (origin, cb) => {
      // No Origin: same-origin or server-to-server. localhost: the dev server and tests.
      if (!origin || env.corsOrigins.includes(origin) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin)) cb(null, true);
      else cb(null, false);
    },
  });
  await app.register(errorHandler);
  await app.register(docs);
  await app.register(auth);

  await app.register(authRoutes);
  await app.register(contestRoutes);
  await app.register(learningRoutes);
  await app.register(unitsRoutes);
  await app.register(remindersRoutes);
  await app.register(quizRoutes);
  await app.register(itemAnalysisRoutes);
  if (demo) await app.register(demoRoutes, { clock: demo.clock, seed: pack.id === "demo" && (env.DEMO_SEED ?? env.NODE_ENV !== "test") });

  await app.register(webApp, { wwwDir: opts.wwwDir });
  return app;
}
