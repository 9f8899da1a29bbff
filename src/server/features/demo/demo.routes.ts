import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { demoEndpoints as D } from "../../../domain/demo/demo.endpoints";
import { requireRole, requireUser } from "../../plugins/auth";
import { route } from "../../shared/route";
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
  if (opts.seed) {
    const seeded = await seedDemoCity(app.ctx.db, app.ctx.pack, clock.now());
    if (seeded.seeded) app.log.info(`demo: seeded a city of ${seeded.people} people`);
  }

  route(app, D.clock, async (req) => {
    requireUser(req);
    return clockState(app.ctx, clock);
  });

  route(app, D.moveClock, async (req) => {
    requireRole(req, "organizer");
    const state = await moveClock(app.ctx, clock, req.body);
    // A round that opens at the new moment gets the other qualified units' entries (the final's, say).
    await seedDemoEntries(app.ctx).catch((err: unknown) => req.log.error({ err }, "demo: seeding entries failed"));
    return state;
  });

  route(app, D.accounts, async () => {
    const rows = await listDemoAccounts(app.ctx.db);
    return {
      accounts: rows.map((r) => ({ id: r.id, name: r.fullName ?? "", role: r.role, unitCode: r.unitCode, unitName: r.unitName ?? null, lastActiveAt: r.lastActiveAt })),
    };
  });

  route(app, D.accountSession, async (req) => signInAsDemoAccount(app.ctx, req.params.id));

  route(app, D.completeLessons, async (req) => completeLessons(app.ctx, requireUser(req)));
};

export default demoRoutes;
