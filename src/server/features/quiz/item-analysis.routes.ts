import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ItemAnalysisQuerySchema, ItemAnalysisResponseSchema, WeakTopicsResponseSchema } from "../../../domain/quiz/item-analysis.schema";
import { UnitParamsSchema } from "../../../domain/units/roster.schema";
import { requireRole, requireUser } from "../../plugins/auth";
import { errorResponses } from "../../shared/error-responses";
import { assertCanManageUnit } from "../units";
import { itemAnalysis, itemAnalysisXlsx, weakTopics } from "./item-analysis.service";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const security = [{ bearer: [] }];

/** Organisers' question statistics (Moodle's item analysis) and leads' weak-topic view. */
const itemAnalysisRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/quiz/item-analysis",
    {
      schema: {
        tags: ["quiz"],
        summary: "Item analysis over finished attempts (organisers): facility, discrimination, efficiency, options, KR-20",
        security,
        querystring: ItemAnalysisQuerySchema,
        response: { 200: ItemAnalysisResponseSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      requireRole(req, "organizer");
      reply.header("cache-control", "no-store");
      return itemAnalysis(app.ctx, req.query.attempts);
    },
  );

  app.get(
    "/api/quiz/item-analysis.xlsx",
    { schema: { tags: ["quiz"], summary: "The item analysis as XLSX (organisers)", security, querystring: ItemAnalysisQuerySchema } },
    async (req, reply) => {
      requireRole(req, "organizer");
      const file = await itemAnalysisXlsx(await itemAnalysis(app.ctx, req.query.attempts));
      return reply.type(XLSX_TYPE).header("content-disposition", 'attachment; filename="phan-tich-cau-hoi.xlsx"').header("cache-control", "no-store").send(file);
    },
  );

  app.get(
    "/api/units/:code/weak-topics",
    {
      schema: {
        tags: ["quiz"],
        summary: "Share of right answers per lesson, the unit against the city (the unit's leads, organisers)",
        security,
        params: UnitParamsSchema,
        response: { 200: WeakTopicsResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      assertCanManageUnit(requireUser(req), req.params.code);
      return weakTopics(app.ctx, req.params.code);
    },
  );
};

export default itemAnalysisRoutes;
