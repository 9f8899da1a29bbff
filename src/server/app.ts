import cors from "@fastify/cors";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext, AppHooks } from "./app-context";
import type { Env } from "./config/env";
import { type ContestPack, loadContestPack } from "./content/pack-loader";
import { createDb, type DbHandle } from "./db/database";
import { migrateToLatest } from "./db/migrate";
import authRoutes from "./features/auth/auth.routes";
import contestRoutes from "./features/contest/contest.routes";
import { createParticipationCache } from "./features/participation";
import learningRoutes from "./features/learning/learning.routes";
import remindersRoutes from "./features/reminders/reminders.routes";
import quizRoutes from "./features/quiz/quiz.routes";
import { createRankingCache, liveRankingSource } from "./features/ranking";
import rankingRoutes from "./features/ranking/ranking.routes";
import reportsRoutes from "./features/reports/reports.routes";
import { createStagesCache } from "./features/stages";
import stagesRoutes from "./features/stages/stages.routes";
import { syncUnits, unitsHooks } from "./features/units";
import claimsRoutes from "./features/units/claims.routes";
import unitsRoutes from "./features/units/units.routes";
import auth from "./plugins/auth";
import docs from "./plugins/docs";
import errorHandler from "./plugins/error-handler";
import webApp from "./plugins/web-app";
import { type Clock, systemClock } from "./shared/clock";
import { participationStage } from "../domain/contest/participation";

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
  const clock = opts.clock ?? systemClock;
  const pack = opts.pack ?? loadContestPack(env.CONTEST_PACK, clock.now());
  const handle: DbHandle = createDb(env.DATABASE_URL);
  await migrateToLatest(handle.db);
  await syncUnits(handle.db, pack.units);

  const app = Fastify({
    logger: opts.logger ?? { level: env.LOG_LEVEL },
    // Zalo's WebView and mobile proxies retry; keep bodies small but room for roster uploads (multipart has its own limit).
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const hooks: AppHooks = {
    // A phone verified through Zalo that is on a unit's roster fills in the person's unit (units).
    phoneVerified: [unitsHooks.phoneVerified],
  };
  const ctx: AppContext = { env, db: handle.db, dialect: handle.dialect, pack, clock, hooks, caches: { participation: createParticipationCache(), ranking: createRankingCache(), stages: createStagesCache() } };
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
  await app.register(claimsRoutes);
  await app.register(rankingRoutes);
  // Closing Stage 1 freezes the live participation ranking; Stage 2 and 3 add theirs when they land.
  await app.register(stagesRoutes, { rankings: { [participationStage(pack.stages).id]: liveRankingSource } });
  await app.register(reportsRoutes);
  await app.register(remindersRoutes);
  await app.register(quizRoutes);

  await app.register(webApp, { wwwDir: opts.wwwDir });
  return app;
}
