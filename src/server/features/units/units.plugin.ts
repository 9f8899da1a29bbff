import fp from "fastify-plugin";
import claimsRoutes from "./claims.routes";
import rosterFreezeRoutes from "./roster-freeze.routes";
import unitsRoutes from "./units.routes";

/** Units: the unit list, rosters (upload, dashboard, members, my status), claims, held roster changes and headcounts. Its hook is listed in app.ts. */
export const unitsPlugin = fp(
  async (app) => {
    await app.register(unitsRoutes);
    await app.register(claimsRoutes);
    await app.register(rosterFreezeRoutes);
  },
  { name: "feature-units", dependencies: ["auth"] },
);
