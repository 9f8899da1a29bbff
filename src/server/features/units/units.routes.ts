import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { boardOfKind, UnitsQuerySchema, UnitsResponseSchema } from "../../../domain/units/unit.schema";
import { errorResponses } from "../../shared/error-responses";

const unitsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/units",
    { schema: { tags: ["units"], summary: "The contest's units: communes/wards/special zones and departments", querystring: UnitsQuerySchema, response: { 200: UnitsResponseSchema, ...errorResponses } } },
    async (req) => {
      const { kind } = req.query;
      const units = app.ctx.pack.units.filter((u) => kind === "all" || boardOfKind(u.kind) === kind);
      return { units };
    },
  );
};

export default unitsRoutes;
