import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  LessonDetailResponseSchema,
  LessonListResponseSchema,
  LessonParamsSchema,
  ProgressRequestSchema,
  ProgressResponseSchema,
} from "../../../domain/learning/learning.schema";
import { ApiErrorSchema } from "../../../domain/shared/errors";
import { requireUser } from "../../plugins/auth";
import { errorResponses } from "../../shared/error-responses";
import { registerLessonMedia } from "./lesson-media";
import { listLessons, openLesson, recordProgress } from "./learning.service";

const learningErrors = { ...errorResponses, 422: ApiErrorSchema, 423: ApiErrorSchema } as const;

const learningRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerLessonMedia(app);

  app.get(
    "/api/lessons",
    {
      schema: {
        tags: ["learning"],
        summary: "The lessons of the contest with my coverage, status and overall progress",
        security: [{ bearer: [] }],
        response: { 200: LessonListResponseSchema, ...learningErrors },
      },
    },
    async (req) => listLessons(app.ctx, requireUser(req)),
  );

  app.get(
    "/api/lessons/:id",
    {
      schema: {
        tags: ["learning"],
        summary: "One lesson with media URLs, transcript, key points, checkpoints and my progress; opening it starts its watch clock",
        security: [{ bearer: [] }],
        params: LessonParamsSchema,
        response: { 200: LessonDetailResponseSchema, ...learningErrors },
      },
    },
    async (req) => openLesson(app.ctx, requireUser(req), req.params.id),
  );

  app.post(
    "/api/lessons/:id/progress",
    {
      schema: {
        tags: ["learning"],
        summary: "Report watched intervals and the position; the server merges them and decides completion (422 if implausible)",
        security: [{ bearer: [] }],
        params: LessonParamsSchema,
        body: ProgressRequestSchema,
        response: { 200: ProgressResponseSchema, ...learningErrors },
      },
    },
    async (req) => recordProgress(app.ctx, requireUser(req), req.params.id, req.body),
  );
};

export default learningRoutes;
