import type { SaveAnswersRequest, SaveAnswersResponse } from "../../../domain/quiz/quiz.schema";
import type { UserRow } from "../auth";
import { AppError } from "../../shared/app-error";
import { attemptNotFound, type Ctx } from "./quiz-attempts";
import { saveAnswer } from "./quiz.service";

type Result = SaveAnswersResponse["results"][number];

/**
 * The phone's backlog in one request (after a lost connection, or before a submit): each answer goes
 * through saveAnswer exactly as if sent alone — the same checks, seq rule and durable
 * acknowledgement — and all of them at once, so they share one group commit (SQLite) or one batch
 * statement (PostgreSQL) instead of costing a request each when every phone comes back together.
 * A refusal of one answer is its result, not the request's; a 5xx fails the request (retried whole:
 * saves are idempotent).
 */
export async function saveAnswers(ctx: Ctx, user: UserRow, attemptId: string, body: SaveAnswersRequest): Promise<SaveAnswersResponse> {
  const results = await Promise.all(
    body.answers.map(async ({ questionId, optionId, seq }): Promise<Result> => {
      try {
        const { answer, applied } = await saveAnswer(ctx, user, attemptId, questionId, { optionId, seq });
        return { ok: true, questionId, answer, applied };
      } catch (err) {
        if (err instanceof AppError && err.status < 500) return { ok: false, questionId, code: err.code };
        throw err;
      }
    }),
  );
  // Not this person's attempt (or none): refused as a whole, as one answer would be.
  if (results.every((r) => !r.ok && r.code === "ATTEMPT_NOT_FOUND")) throw attemptNotFound();
  return { results };
}
