import fp from "fastify-plugin";
import { registerJobs } from "../../shared/jobs";
import { privacyJobs } from "./privacy.jobs";
import privacyRoutes from "./privacy.routes";

/** Personal data: the notice, "Dữ liệu của tôi", requests and their handling, retention (job), report minimisation. */
export const privacyPlugin = fp(
  async (app) => {
    registerJobs(app, privacyJobs(app.ctx, app.log.child({ feature: "privacy" })));
    await app.register(privacyRoutes);
  },
  { name: "feature-privacy", dependencies: ["auth"] },
);
