import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { contestEndpoints as C } from "../../../domain/contest/contest.endpoints";
import { route } from "../../shared/route";

const contestRoutes: FastifyPluginAsyncZod = async (app) => {
  route(app, C.health, async (_req, reply) => {
    const { db, dialect } = app.ctx;
    try {
      await db.selectFrom("units").select("code").limit(1).execute();
      return { ok: true, db: dialect };
    } catch (err) {
      app.log.error({ err }, "health check failed");
      return reply.code(503).send({ ok: false, db: dialect });
    }
  });

  route(app, C.contest, async () => {
    const { pack, clock } = app.ctx;
    return {
      id: pack.id,
      name: pack.name,
      shortName: pack.shortName,
      organizer: pack.organizer,
      description: pack.description,
      stages: pack.stages,
      prizes: pack.prizes,
      contacts: pack.contacts,
      lessonCount: pack.lessons.length,
      serverNow: clock.now().toISOString(),
    };
  });
};

export default contestRoutes;
