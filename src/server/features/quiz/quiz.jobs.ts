import type { FastifyBaseLogger } from "fastify";
import type { AppContext } from "../../app-context";
import type { Job } from "../../shared/jobs";
import { sweepOverdueAttempts } from "./quiz.service";

const SWEEP_EVERY_MS = 30_000;

/** Attempts nobody submitted are closed at dueAt by this sweeper (and lazily on any read). */
export function quizJobs(ctx: AppContext, log: FastifyBaseLogger): Job[] {
  let timer: NodeJS.Timeout | null = null;
  const sweep = () => sweepOverdueAttempts(ctx).catch((err: unknown) => log.error({ err }, "quiz sweeper failed"));
  return [
    {
      name: "quiz: overdue-attempt sweeper",
      start() {
        timer = setInterval(() => void sweep(), SWEEP_EVERY_MS);
        timer.unref();
      },
      stop() {
        if (timer) clearInterval(timer);
        timer = null;
      },
    },
  ];
}
