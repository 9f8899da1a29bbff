import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { learningEndpoints as L } from "../../../domain/learning/learning.endpoints";
import { requireUser } from "../../plugins/auth";
import { route } from "../../shared/route";
import { registerLessonMedia } from "./lesson-media";
import { listLessons, openLesson, recordProgress } from "./learning.service";

const learningRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerLessonMedia(app);
  route(app, L.lessons, async (req) => listLessons(app.ctx, requireUser(req)));
  route(app, L.lesson, async (req) => openLesson(app.ctx, requireUser(req), req.params.id));
  route(app, L.reportProgress, async (req) => recordProgress(app.ctx, requireUser(req), req.params.id, req.body));
};

export default learningRoutes;
