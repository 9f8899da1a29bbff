import fp from "fastify-plugin";
import certificatesRoutes from "./certificates.routes";

/** Certificates: award and participation PDFs with a QR code, and the public /v/:id check page. */
export const certificatesPlugin = fp(
  async (app) => {
    await app.register(certificatesRoutes);
  },
  { name: "feature-certificates", dependencies: ["auth"] },
);
