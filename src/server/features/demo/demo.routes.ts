import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { SessionResponseSchema } from "../../../domain/auth/auth.schema";
import {
  DemoAccountParamsSchema,
  DemoAccountsResponseSchema,
  DemoClockRequestSchema,
  DemoClockResponseSchema,
  DemoCompleteLessonsResponseSchema,
} from "../../../domain/demo/demo.schema";
import { requireRole, requireUser } from "../../plugins/auth";
import { errorResponses } from "../../shared/error-responses";
import { signInAsDemoAccount } from "../auth";
import { seedDemoEntries } from "../entries";
import type { OffsetClock } from "./demo-clock";
import { seedDemoCity } from "./demo-seed";
import { listDemoAccounts } from "../auth";
import { clockState, completeLessons, moveClock } from "./demo.service";

/**
 * The demo panel's API. Registered only with AUTH_DEV (which production refuses), so without it
 * every /api/demo route is a plain 404.
 */
const demoRoutes: FastifyPluginAsyncZod<{ clock: OffsetClock; seed: boolean }> = async (app, opts) => {
  const { clock } = opts;
  const tags = ["demo"];
  if (opts.seed) {
    const seeded = await seedDemoCity(app.ctx.db, app.ctx.pack, clock.now());
    if (seeded.seeded) app.log.info(`demo: seeded a city of ${seeded.people} people`);
  }

  app.get(
    "/api/demo/clock",
    { schema: { tags, summary: "The demo contest clock and its moments (AUTH_DEV only)", security: [{ bearer: [] }], response: { 200: DemoClockResponseSchema, ...errorResponses } } },
    async (req) => {
      requireUser(req);
      return clockState(app.ctx, clock);
    },
  );

  app.post(
    "/api/demo/clock",
    { schema: { tags, summary: "Move the demo contest to a moment (organisers, AUTH_DEV only)", security: [{ bearer: [] }], body: DemoClockRequestSchema, response: { 200: DemoClockResponseSchema, ...errorResponses } } },
    async (req) => {
      requireRole(req, "organizer");
      const state = await moveClock(app.ctx, clock, req.body);
      // A round that opens at the new moment gets the other qualified units' entries (the final's, say).
      await seedDemoEntries(app.ctx).catch((err: unknown) => req.log.error({ err }, "demo: seeding entries failed"));
      return state;
    },
  );

  app.get(
    "/api/demo/accounts",
    { schema: { tags, summary: "Accounts the demo sign-in made, to switch between them (AUTH_DEV only)", response: { 200: DemoAccountsResponseSchema, ...errorResponses } } },
    async () => {
      const rows = await listDemoAccounts(app.ctx.db);
      return {
        accounts: rows.map((r) => ({ id: r.id, name: r.fullName ?? "", role: r.role, unitCode: r.unitCode, unitName: r.unitName ?? null, lastActiveAt: r.lastActiveAt })),
      };
    },
  );

  app.post(
    "/api/demo/accounts/:id/session",
    { schema: { tags, summary: "Sign in as one of the demo accounts (AUTH_DEV only)", params: DemoAccountParamsSchema, response: { 200: SessionResponseSchema, ...errorResponses } } },
    async (req) => signInAsDemoAccount(app.ctx, req.params.id),
  );

  app.post(
    "/api/demo/complete-lessons",
    { schema: { tags, summary: "Mark every lesson watched for the signed-in demo account (AUTH_DEV only)", security: [{ bearer: [] }], response: { 200: DemoCompleteLessonsResponseSchema, ...errorResponses } } },
    async (req) => completeLessons(app.ctx, requireUser(req)),
  );
};

export default demoRoutes;
