import { ApiErrorSchema } from "../shared/errors";
import { defineEndpoint } from "../shared/endpoint";
import {
  LessonDetailResponseSchema,
  LessonListResponseSchema,
  LessonParamsSchema,
  ProgressRequestSchema,
  ProgressResponseSchema,
} from "./learning.schema";

const tags = ["learning"];
/** 422: implausible progress; 423: the lesson is locked. */
const learningErrors = { 422: ApiErrorSchema, 423: ApiErrorSchema };

export const learningEndpoints = {
  lessons: defineEndpoint({
    method: "GET",
    path: "/api/lessons",
    tags,
    summary: "The lessons of the contest with my coverage, status and overall progress",
    auth: "bearer",
    responses: { 200: LessonListResponseSchema, ...learningErrors },
  }),
  lesson: defineEndpoint({
    method: "GET",
    path: "/api/lessons/:id",
    tags,
    summary: "One lesson with media URLs, transcript, key points, checkpoints and my progress; opening it starts its watch clock",
    auth: "bearer",
    params: LessonParamsSchema,
    responses: { 200: LessonDetailResponseSchema, ...learningErrors },
  }),
  reportProgress: defineEndpoint({
    method: "POST",
    path: "/api/lessons/:id/progress",
    tags,
    summary: "Report watched intervals and the position; the server merges them and decides completion (422 if implausible)",
    auth: "bearer",
    params: LessonParamsSchema,
    body: ProgressRequestSchema,
    responses: { 200: ProgressResponseSchema, ...learningErrors },
  }),
};
