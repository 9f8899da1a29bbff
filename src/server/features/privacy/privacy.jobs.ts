import type { FastifyBaseLogger } from "fastify";
import type { AppContext } from "../../app-context";
import type { Job } from "../../shared/jobs";
import { RetentionJob } from "./retention.service";

/** The retention check: hourly (and at start), anonymises everyone once the period after the contest has passed. */
export function privacyJobs(ctx: AppContext, log: FastifyBaseLogger): Job[] {
  const job = new RetentionJob(ctx, log);
  return [{ name: "privacy: retention", start: () => job.start(), stop: () => job.stop() }];
}
