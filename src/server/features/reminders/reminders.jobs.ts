import type { FastifyBaseLogger } from "fastify";
import type { AppContext } from "../../app-context";
import type { Job } from "../../shared/jobs";
import { ReminderWorker } from "./reminders.worker";

/**
 * The reminder scheduler and sender. It runs in this replica only when REMINDERS_WORKER is on
 * (tests drive a worker directly); the overview route reports whether it is running.
 */
export function reminderJobs(ctx: AppContext, log: FastifyBaseLogger): { jobs: Job[]; worker: ReminderWorker | null } {
  if (!ctx.env.REMINDERS_WORKER) return { jobs: [], worker: null };
  const worker = new ReminderWorker(ctx, { log });
  return { jobs: [{ name: "reminders: scheduler and sender", start: () => worker.start(), stop: () => worker.stop() }], worker };
}
