import fp from "fastify-plugin";
import rankingRoutes from "./ranking.routes";

/** The leaderboard: live boards from participation (cached on the app context), the snapshot once Stage 1 is closed. */
export const rankingPlugin = fp(
  async (app) => {
    await app.register(rankingRoutes);
  },
  { name: "feature-ranking", dependencies: ["auth"] },
);
