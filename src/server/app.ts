import cors from "@fastify/cors";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "./app-context";
import type { Env } from "./config/env";
import { withSessionSecret } from "./config/session-secret";
import { type ContestPack, loadContestPack } from "./content/pack-loader";
import { createDb, type DbHandle } from "./db/database";
import { migrateToLatest } from "./db/migrate";
import authRoutes from "./features/auth/auth.routes";
import contestRoutes from "./features/contest/contest.routes";
import learningRoutes from "./features/learning/learning.routes";
import remindersRoutes from "./features/reminders/reminders.routes";
import quizRoutes from "./features/quiz/quiz.routes";
import { syncUnits } from "./features/units/units.repository";
import unitsRoutes from "./features/units/units.routes";
import auth from "./plugins/auth";
import docs from "./plugins/docs";
import errorHandler from "./plugins/error-handler";
import rateLimits from "./plugins/rate-limits";
import securityHeaders from "./plugins/security-headers";
import { withRedaction } from "./shared/log-redaction";
import { closeUploadPool } from "./shared/uploads/worker-pool";
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

/** Trust exactly `hops` proxies in front of the API (X-Forwarded-For entries, nearest first). */
const hopsOf = (hops: number) => (_addr: string, i: number) => i < hops;

/** Builds the whole API. server.ts only listens; tests call this and use app.inject(). */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const env = withSessionSecret(opts.env);
  const clock = opts.clock ?? systemClock;
  const pack = opts.pack ?? loadContestPack(env.CONTEST_PACK, clock.now());
  const handle: DbHandle = createDb(env.DATABASE_URL);
  await migrateToLatest(handle.db);
  await syncUnits(handle.db, pack.units);

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

  const ctx: AppContext = { env, db: handle.db, dialect: handle.dialect, pack, clock, hooks: { phoneVerified: [] } };
  app.decorate("ctx", ctx);
  app.addHook("onClose", async () => {
    await closeUploadPool();
    await handle.db.destroy();
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

  await app.register(authRoutes);
  await app.register(contestRoutes);
  await app.register(learningRoutes);
  await app.register(unitsRoutes);
  await app.register(remindersRoutes);
  await app.register(quizRoutes);

  await app.register(webApp, { wwwDir: opts.wwwDir });
  return app;
}
