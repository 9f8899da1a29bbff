import fp from "fastify-plugin";
import claimsRoutes from "./claims.routes";
import unitsRoutes from "./units.routes";

/** Units: the unit list, rosters (upload, dashboard, members, my status) and claims. Its hook is listed in app.ts. */
export const unitsPlugin = fp(
  async (app) => {
    await app.register(unitsRoutes);
    await app.register(claimsRoutes);
  },
  { name: "feature-units", dependencies: ["auth"] },
);
