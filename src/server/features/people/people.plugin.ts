import fp from "fastify-plugin";
import peopleRoutes from "./people.routes";

/** People: organisers' search, a person's page, roles and merging two accounts of one person. */
export const peoplePlugin = fp(
  async (app) => {
    await app.register(peopleRoutes);
  },
  { name: "feature-people", dependencies: ["auth"] },
);
