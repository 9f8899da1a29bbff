import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { quizEndpoints as Q } from "../../../domain/quiz/quiz.endpoints";
import { requireRole, requireUser } from "../../plugins/auth";
import { XLSX_TYPE } from "../../shared/http-files";
import { route } from "../../shared/route";
import { assertCanManageUnit } from "../units";
import { itemAnalysis, itemAnalysisXlsx, weakTopics } from "./item-analysis.service";

/** Organisers' question statistics (Moodle's item analysis) and leads' weak-topic view. */
const itemAnalysisRoutes: FastifyPluginAsyncZod = async (app) => {
  route(app, Q.itemAnalysis, async (req) => {
    requireRole(req, "organizer");
    return itemAnalysis(app.ctx, req.query.attempts);
  });

  route(app, Q.itemAnalysisXlsx, async (req, reply) => {
    requireRole(req, "organizer");
    const file = await itemAnalysisXlsx(await itemAnalysis(app.ctx, req.query.attempts));
    return reply.type(XLSX_TYPE).header("content-disposition", 'attachment; filename="phan-tich-cau-hoi.xlsx"').header("cache-control", "no-store").send(file);
  });

  route(app, Q.weakTopics, async (req) => {
    assertCanManageUnit(requireUser(req), req.params.code);
    return weakTopics(app.ctx, req.params.code);
  });
};

export default itemAnalysisRoutes;
