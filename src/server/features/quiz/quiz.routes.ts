import path from "node:path";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  AnswerParamsSchema,
  AttemptIdParamsSchema,
  AttemptListResponseSchema,
  AttemptResponseSchema,
  FocusEventRequestSchema,
  FocusEventResponseSchema,
  QuizStatusResponseSchema,
  ReviewResponseSchema,
  SaveAnswerRequestSchema,
  SaveAnswerResponseSchema,
  StartAttemptResponseSchema,
  SubmitResponseSchema,
} from "../../../domain/quiz/quiz.schema";
import { blueprintProblems } from "../../../domain/quiz/blueprint";
import { PackError } from "../../content/pack-loader";
import { requireUser } from "../../plugins/auth";
import { errorResponses } from "../../shared/error-responses";
import {
  getAttempt,
  listMyAttempts,
  quizStatus,
  recordFocusEvent,
  reviewAttempt,
  saveAnswer,
  startAttempt,
  submitAttempt,
} from "./quiz.service";

const tags = ["quiz"];
const security = [{ bearer: [] }];

const quizRoutes: FastifyPluginAsyncZod = async (app) => {
  const { pack } = app.ctx;
  // A blueprint the bank cannot satisfy would fail the first person to start: refuse to boot instead.
  const problems = blueprintProblems(pack.quiz, pack.lessons.map((l) => l.id), pack.questions);
  if (problems.length) throw new PackError(path.join(pack.packDir, "contest.json"), problems);

  app.get(
    "/api/quiz",
    { schema: { tags, summary: "My test status: unlocked or why not, rules, attempts, counted score and rank in my unit", security, response: { 200: QuizStatusResponseSchema, ...errorResponses } } },
    async (req) => quizStatus(app.ctx, requireUser(req)),
  );

  app.get(
    "/api/quiz/attempts",
    { schema: { tags, summary: "My attempts", security, response: { 200: AttemptListResponseSchema, ...errorResponses } } },
    async (req) => listMyAttempts(app.ctx, requireUser(req)),
  );

  app.post(
    "/api/quiz/attempts",
    { schema: { tags, summary: "Start an attempt (freezes a paper), or return the active one", security, response: { 200: StartAttemptResponseSchema, ...errorResponses } } },
    async (req) => startAttempt(app.ctx, requireUser(req)),
  );

  app.get(
    "/api/quiz/attempts/:id",
    { schema: { tags, summary: "The paper (no key), my saved answers, dueAt and the server's clock", security, params: AttemptIdParamsSchema, response: { 200: AttemptResponseSchema, ...errorResponses } } },
    async (req) => getAttempt(app.ctx, requireUser(req), req.params.id),
  );

  app.put(
    "/api/quiz/attempts/:id/answers/:questionId",
    {
      schema: {
        tags,
        summary: "Save one answer (idempotent; a lower seq never overwrites a higher one; acknowledged once durable)",
        security,
        params: AnswerParamsSchema,
        body: SaveAnswerRequestSchema,
        response: { 200: SaveAnswerResponseSchema, ...errorResponses },
      },
    },
    async (req) => saveAnswer(app.ctx, requireUser(req), req.params.id, req.params.questionId, req.body),
  );

  app.post(
    "/api/quiz/attempts/:id/submit",
    { schema: { tags, summary: "Submit and score on the server (idempotent)", security, params: AttemptIdParamsSchema, response: { 200: SubmitResponseSchema, ...errorResponses } } },
    async (req) => submitAttempt(app.ctx, requireUser(req), req.params.id),
  );

  app.get(
    "/api/quiz/attempts/:id/review",
    { schema: { tags, summary: "Right answers, explanations and lesson moments (per the review policy)", security, params: AttemptIdParamsSchema, response: { 200: ReviewResponseSchema, ...errorResponses } } },
    async (req) => reviewAttempt(app.ctx, requireUser(req), req.params.id),
  );

  app.post(
    "/api/quiz/attempts/:id/events",
    { schema: { tags, summary: "Log that the app was paused or resumed during the attempt (information only)", security, params: AttemptIdParamsSchema, body: FocusEventRequestSchema, response: { 200: FocusEventResponseSchema, ...errorResponses } } },
    async (req) => recordFocusEvent(app.ctx, requireUser(req), req.params.id, req.body.kind),
  );
};

export default quizRoutes;
