import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import desktopSignIn from "./desktop-sign-in";
import { startEntriesJobs } from "./entries.jobs";
import entriesOrganiserRoutes from "./entries-organiser.routes";
import entriesRoutes from "./entries.routes";
import { chargeUploadLinksToOwner } from "./upload-link-budget";

/** Stage 2/3 submissions: routes (multipart scoped here), invitation and orphan-sweep jobs. */
export default fp(
  async function entries(app: FastifyInstance) {
    await app.register(async (scope) => {
      await scope.register(multipart, { limits: { files: 1, fields: 5, parts: 6 } });
      chargeUploadLinksToOwner(scope);
      await scope.register(entriesRoutes);
      await scope.register(entriesOrganiserRoutes);
      await scope.register(desktopSignIn);
    });
    let stop: (() => void) | null = null;
    if (app.ctx.env.ENTRIES_JOBS) {
      app.addHook("onReady", async () => {
        stop = startEntriesJobs(app.ctx, app.log.child({ feature: "entries" }));
      });
      app.addHook("onClose", async () => stop?.());
    }
  },
  { name: "feature-entries", dependencies: ["auth", "error-handler"] },
);
