import { type Dispatch, type MutableRefObject, type SetStateAction, useCallback, useRef } from "react";
import { AnswersOnTheirWay } from "../../../domain/quiz/answer-sends";
import { quizEndpoints } from "../../../domain/quiz/quiz.endpoints";
import type { SavedAnswer } from "../../../domain/quiz/quiz.schema";
import { ApiRequestError } from "../../shared/api/api-client";
import { call } from "../../shared/api/call";
import { isRetryableError } from "../../shared/offline/outbox";
import { quizOutbox, type PendingAnswer } from "./quiz-outbox";

export type AnswerView = { optionId: string; seq: number; saved: boolean };
export type SendOutcome = "ok" | "retry" | "closed";

type Deps = {
  attemptId: string;
  setAnswers: Dispatch<SetStateAction<Record<string, AnswerView>>>;
  setOnline: (online: boolean) => void;
  closed: MutableRefObject<boolean>;
  notifyError: (err: unknown) => void;
};

/**
 * Sending answers: one tap as it happens (`sendOne`), the outbox's backlog in one request
 * (`sendMany`: after a lost connection every phone comes back at once, and one request each
 * instead of one per waiting answer is what lets the server catch up). Both record the same
 * outcomes; `onTheirWay` holds the taps whose request has not come back (answer-sends.ts).
 */
export function useAnswerSends({ attemptId, setAnswers, setOnline, closed, notifyError }: Deps) {
  const onTheirWay = useRef(new AnswersOnTheirWay());

  const acknowledged = useCallback(
    (questionId: string, answer: SavedAnswer) => {
      quizOutbox.acknowledge(attemptId, questionId, answer.seq);
      quizOutbox.rememberSaved(attemptId, questionId, answer.optionId, answer.seq);
      setAnswers((prev) => {
        const current = prev[questionId];
        if (current && current.seq > answer.seq) return prev;
        return { ...prev, [questionId]: { optionId: answer.optionId, seq: answer.seq, saved: true } };
      });
    },
    [attemptId, setAnswers],
  );

  /** What a failed request means for the taps it carried. */
  const failed = useCallback(
    (err: unknown, taps: [string, PendingAnswer][]): SendOutcome => {
      if (!(err instanceof ApiRequestError)) throw err;
      if (err.code === "NETWORK") {
        setOnline(false);
        return "retry";
      }
      if (err.code === "ATTEMPT_CLOSED") {
        closed.current = true;
        return "closed";
      }
      // 5xx, rate limit, session: keep the taps and try again later (the one retry policy).
      if (isRetryableError(err)) return "retry";
      // Refused for good (an option that does not exist…): the taps are dropped and the person told.
      for (const [questionId, p] of taps) quizOutbox.discard(attemptId, questionId, p.seq);
      notifyError(err);
      return "ok";
    },
    [attemptId, setOnline, closed, notifyError],
  );

  const sendOne = useCallback(
    async (questionId: string, p: PendingAnswer): Promise<SendOutcome> => {
      onTheirWay.current.begin(questionId, p.seq, Date.now());
      try {
        const res = await call(quizEndpoints.saveAnswer, { params: { id: attemptId, questionId }, body: p });
        acknowledged(questionId, res.answer);
        setOnline(true);
        return "ok";
      } catch (err) {
        return failed(err, [[questionId, p]]);
      } finally {
        onTheirWay.current.end(questionId, p.seq);
      }
    },
    [attemptId, acknowledged, failed, setOnline],
  );

  const sendMany = useCallback(
    async (taps: [string, PendingAnswer][]): Promise<SendOutcome> => {
      const now = Date.now();
      for (const [questionId, p] of taps) onTheirWay.current.begin(questionId, p.seq, now);
      try {
        const body = { answers: taps.map(([questionId, p]) => ({ questionId, optionId: p.optionId, seq: p.seq })) };
        const { results } = await call(quizEndpoints.saveAnswers, { params: { id: attemptId }, body });
        setOnline(true);
        let outcome: SendOutcome = "ok";
        for (const r of results) {
          if (r.ok) acknowledged(r.questionId, r.answer);
          else if (failed(new ApiRequestError(r.code, 400, `answer ${r.questionId} refused`), taps.filter(([q]) => q === r.questionId)) === "closed") outcome = "closed";
        }
        return outcome;
      } catch (err) {
        return failed(err, taps);
      } finally {
        for (const [questionId, p] of taps) onTheirWay.current.end(questionId, p.seq);
      }
    },
    [attemptId, acknowledged, failed, setOnline],
  );

  return { sendOne, sendMany, onTheirWay };
}
