import fp from "fastify-plugin";
import reportsRoutes from "./reports.routes";

/** Reports: the unit and city XLSX files (with short-lived download links) and the audit log. */
export const reportsPlugin = fp(
  async (app) => {
    await app.register(reportsRoutes);
  },
  { name: "feature-reports", dependencies: ["auth", "feature-units", "feature-ranking"] },
);
