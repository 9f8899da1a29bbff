import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ContestResponseSchema } from "../../../domain/contest/contest.schema";
import { errorResponses } from "../../shared/error-responses";

const HealthSchema = z.object({ ok: z.boolean(), db: z.enum(["sqlite", "postgres"]) });

const contestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/health",
    { schema: { tags: ["contest"], summary: "Liveness and which database is in use", response: { 200: HealthSchema, 503: HealthSchema } } },
    async (_req, reply) => {
      const { db, dialect } = app.ctx;
      try {
        await db.selectFrom("units").select("code").limit(1).execute();
        return { ok: true, db: dialect };
      } catch (err) {
        app.log.error({ err }, "health check failed");
        return reply.code(503).send({ ok: false, db: dialect });
      }
    },
  );

  app.get(
    "/api/contest",
    { schema: { tags: ["contest"], summary: "The contest: stages with windows, prizes, contacts and the server's clock", response: { 200: ContestResponseSchema, ...errorResponses } } },
    async () => {
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
    },
  );
};

export default contestRoutes;
