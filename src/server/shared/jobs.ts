import type { FastifyInstance } from "fastify";

/** Background work of a feature: started when the app is ready, stopped when it closes. */
export type Job = { name: string; start(): void | Promise<void>; stop(): void | Promise<void> };

export function registerJobs(app: FastifyInstance, jobs: readonly Job[]): void {
  app.addHook("onReady", async () => {
    for (const job of jobs) {
      await job.start();
      app.log.debug({ job: job.name }, "job started");
    }
  });
  app.addHook("onClose", async () => {
    for (const job of jobs) await job.stop();
  });
}
