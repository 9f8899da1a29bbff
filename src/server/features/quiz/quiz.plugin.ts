import fp from "fastify-plugin";
import { registerJobs } from "../../shared/jobs";
import { quizJobs } from "./quiz.jobs";
import quizRoutes from "./quiz.routes";

/** The test: routes, and the sweeper that closes attempts nobody submitted. */
export const quizPlugin = fp(
  async (app) => {
    registerJobs(app, quizJobs(app.ctx, app.log.child({ feature: "quiz" })));
    await app.register(quizRoutes);
  },
  { name: "feature-quiz", dependencies: ["auth"] },
);
