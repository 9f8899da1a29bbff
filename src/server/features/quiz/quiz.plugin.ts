import fp from "fastify-plugin";
import { registerJobs } from "../../shared/jobs";
import { quizJobs } from "./quiz.jobs";
import bankRoutes from "./bank.routes";
import itemAnalysisRoutes from "./item-analysis.routes";
import overridesRoutes from "./overrides.routes";
import quizRoutes from "./quiz.routes";

/** The test: routes (incl. organisers' item analysis and question bank), and the sweeper that closes attempts nobody submitted. */
export const quizPlugin = fp(
  async (app) => {
    registerJobs(app, quizJobs(app.ctx, app.log.child({ feature: "quiz" })));
    await app.register(quizRoutes);
    await app.register(itemAnalysisRoutes);
    await app.register(bankRoutes);
    await app.register(overridesRoutes);
  },
  { name: "feature-quiz", dependencies: ["auth"] },
);
