import fp from "fastify-plugin";
import contestRoutes from "./contest.routes";

/** The contest's public facts from the content pack: stages, prizes, contacts. */
export const contestPlugin = fp(
  async (app) => {
    await app.register(contestRoutes);
  },
  { name: "feature-contest" },
);
