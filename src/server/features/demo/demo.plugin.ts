import fp from "fastify-plugin";
import type { OffsetClock } from "./demo-clock";
import demoRoutes from "./demo.routes";

/** The demo panel (AUTH_DEV only, which production refuses): contest clock, seeded city, demo accounts. */
export const demoPlugin = fp<{ clock: OffsetClock; seed: boolean }>(
  async (app, opts) => {
    await app.register(demoRoutes, opts);
  },
  { name: "feature-demo", dependencies: ["auth", "feature-auth", "feature-units"] },
);
