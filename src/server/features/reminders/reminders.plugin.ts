import fp from "fastify-plugin";
import { registerJobs } from "../../shared/jobs";
import { reminderJobs } from "./reminders.jobs";
import remindersRoutes from "./reminders.routes";

/** Reminders: the inbox, nudges and the operator view, and (REMINDERS_WORKER) the scheduler/sender job. */
export const remindersPlugin = fp(
  async (app) => {
    const { jobs, worker } = reminderJobs(app.ctx, app.log.child({ feature: "reminders" }));
    registerJobs(app, jobs);
    await app.register(remindersRoutes, { workerRunning: () => worker?.running ?? false });
  },
  { name: "feature-reminders", dependencies: ["auth"] },
);
