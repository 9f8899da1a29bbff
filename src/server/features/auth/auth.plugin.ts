import fp from "fastify-plugin";
import authRoutes from "./auth.routes";

/** Sign-in (Zalo, dev), phone verification (fires the phoneVerified hooks listed in app.ts), my profile, roles. */
export const authFeaturePlugin = fp(
  async (app) => {
    await app.register(authRoutes);
  },
  { name: "feature-auth", dependencies: ["auth"] },
);
