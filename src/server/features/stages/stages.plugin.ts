import fp from "fastify-plugin";
import stagesRoutes, { type StagesOptions } from "./stages.routes";

/** Stages: results, close (freezing the ranking given per stage id in app.ts), snapshots and qualifiers. */
export const stagesPlugin = fp<StagesOptions>(
  async (app, opts) => {
    await app.register(stagesRoutes, opts);
  },
  { name: "feature-stages", dependencies: ["auth"] },
);
