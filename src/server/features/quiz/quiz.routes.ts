import path from "node:path";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { blueprintProblems } from "../../../domain/quiz/blueprint";
import { quizEndpoints as Q } from "../../../domain/quiz/quiz.endpoints";
import { PackError } from "../../content/pack-loader";
import { requireUser } from "../../plugins/auth";
import { route } from "../../shared/route";
import { getAttempt, listMyAttempts, quizStatus, recordFocusEvent, reviewAttempt, saveAnswer, startAttempt, submitAttempt } from "./quiz.service";
import { saveAnswers } from "./save-answers";

const quizRoutes: FastifyPluginAsyncZod = async (app) => {
  const { pack } = app.ctx;
  // A blueprint the bank cannot satisfy would fail the first person to start: refuse to boot instead.
  const problems = blueprintProblems(pack.quiz, pack.lessons.map((l) => l.id), pack.questions);
  if (problems.length) throw new PackError(path.join(pack.packDir, "contest.json"), problems);

  route(app, Q.status, async (req) => quizStatus(app.ctx, requireUser(req)));
  route(app, Q.attempts, async (req) => listMyAttempts(app.ctx, requireUser(req)));
  route(app, Q.startAttempt, async (req) => startAttempt(app.ctx, requireUser(req)));
  route(app, Q.attempt, async (req) => getAttempt(app.ctx, requireUser(req), req.params.id));
  route(app, Q.saveAnswer, async (req) => saveAnswer(app.ctx, requireUser(req), req.params.id, req.params.questionId, req.body));
  route(app, Q.saveAnswers, async (req) => saveAnswers(app.ctx, requireUser(req), req.params.id, req.body));
  route(app, Q.submit, async (req) => submitAttempt(app.ctx, requireUser(req), req.params.id));
  route(app, Q.review, async (req) => reviewAttempt(app.ctx, requireUser(req), req.params.id));
  route(app, Q.focusEvent, async (req) => recordFocusEvent(app.ctx, requireUser(req), req.params.id, req.body.kind));
};

export default quizRoutes;
