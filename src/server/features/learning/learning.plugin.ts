import fp from "fastify-plugin";
import learningRoutes from "./learning.routes";

/** Lessons, watch progress (writes lesson_progress, read by participation) and lesson media. */
export const learningPlugin = fp(
  async (app) => {
    await app.register(learningRoutes);
  },
  { name: "feature-learning", dependencies: ["auth"] },
);
