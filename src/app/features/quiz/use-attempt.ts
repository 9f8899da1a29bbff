import { type MutableRefObject, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { quizEndpoints } from "../../../domain/quiz/quiz.endpoints";
import type { AttemptResponse } from "../../../domain/quiz/quiz.schema";
import { onAppPaused, onAppResumed } from "../../fence/zalo";
import { ApiRequestError } from "../../shared/api/api-client";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useOutboxReplay } from "../../shared/offline/outbox-sync";
import { offsetFrom, useSetClockOffset } from "../../shared/state/server-clock";
import { quizOutbox } from "./quiz-outbox";
import { type AnswerView, useAnswerSends } from "./use-answer-sends";

export type { AnswerView } from "./use-answer-sends";

const isNetwork = (err: unknown) => err instanceof ApiRequestError && err.code === "NETWORK";

/**
 * The paper's answers, with the taps still waiting on the phone laid over them while the attempt is
 * active; a tap the server already holds (same or later seq) is acknowledged and leaves the outbox.
 */
function mergeWithOutbox(attemptId: string, paper: AttemptResponse): { answers: Record<string, AnswerView>; active: boolean } {
  quizOutbox.seenSeq(attemptId, Math.max(0, ...paper.answers.map((a) => a.seq)));
  const merged: Record<string, AnswerView> = {};
  for (const a of paper.answers) merged[a.questionId] = { optionId: a.optionId, seq: a.seq, saved: true };
  const active = paper.attempt.status === "active";
  for (const [questionId, p] of Object.entries(quizOutbox.pending(attemptId))) {
    const server = merged[questionId];
    if (server && server.seq >= p.seq) quizOutbox.acknowledge(attemptId, questionId, server.seq);
    else if (active) merged[questionId] = { ...p, saved: false };
  }
  return { answers: merged, active };
}

/**
 * What keeps an open attempt in step, once per attempt: load it (then send what a previous session
 * left in the outbox), replay the outbox on the app's triggers, follow the connection, log the app
 * pausing and resuming and re-sync on resume. The latest load/flush are called through refs, so a
 * callback that changes identity (e.g. a new snackbar function) never triggers a reload.
 */
function useAttemptLifecycle(attemptId: string, load: () => Promise<void>, flush: () => Promise<void>, closed: MutableRefObject<boolean>, setOnline: (online: boolean) => void) {
  const loadRef = useRef(load);
  const flushRef = useRef(flush);
  useEffect(() => {
    loadRef.current = load;
    flushRef.current = flush;
  }, [load, flush]);

  // Opening the page: load the paper, then send whatever a previous session left in the outbox.
  useEffect(() => {
    void loadRef.current().then(() => flushRef.current());
  }, [attemptId]);

  // The app's outbox triggers (back online, back in the app, every few seconds): send what waits.
  useOutboxReplay(() => void flushRef.current());

  // Back online, or back in the app: show it, and re-sync the paper and the clock.
  useEffect(() => {
    const flush = () => flushRef.current();
    const goOnline = () => setOnline(true);
    const goOffline = () => setOnline(false);
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    // Focus changes are information for organisers only; a lost log line must not bother the taker.
    const logFocus = (kind: "paused" | "resumed") =>
      void call(quizEndpoints.focusEvent, { params: { id: attemptId }, body: { kind } }).catch(() => undefined);
    const offPaused = onAppPaused(() => {
      if (!closed.current) logFocus("paused");
    });
    const offResumed = onAppResumed(() => {
      if (closed.current) return;
      logFocus("resumed");
      void loadRef.current().then(flush);
    });
    return () => {
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
      offPaused();
      offResumed();
    };
  }, [attemptId, closed, setOnline]);
}

/**
 * One attempt on the phone: the paper, my answers (saved on the server or still waiting in the
 * outbox), the online state, and the actions. Every tap is written to the outbox first, then
 * sent; whatever fails is replayed on the app's one outbox triggers (the connection returns,
 * the app resumes, every few seconds: OutboxSync). The server keeps the highest seq per question, so replays are always safe.
 */
export function useAttempt(attemptId: string) {
  // The hook's callbacks must keep their identity across renders (effects depend on them), so take the stable function, not the object.
  const notifyError = useNotify().error;
  const setOffset = useSetClockOffset();
  const [data, setData] = useState<AttemptResponse | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [answers, setAnswers] = useState<Record<string, AnswerView>>({});
  const [flagged, setFlagged] = useState<string[]>(() => quizOutbox.flagged(attemptId));
  const [online, setOnline] = useState(() => (typeof navigator === "undefined" ? true : navigator.onLine));
  /** Taps refused because they reached the server after the deadline. */
  const [lateAnswers, setLateAnswers] = useState(0);
  const flushing = useRef(false);
  const closed = useRef(false);
  const { sendOne, sendMany, onTheirWay } = useAnswerSends({ attemptId, setAnswers, setOnline, closed, notifyError });

  const applyPaper = useCallback(
    (paper: AttemptResponse) => {
      setData(paper);
      const { answers: merged, active } = mergeWithOutbox(attemptId, paper);
      setAnswers(merged);
      closed.current = !active;
      if (!active) {
        const left = Object.keys(quizOutbox.pending(attemptId)).length;
        if (left) setLateAnswers(left);
        quizOutbox.clear(attemptId);
      }
    },
    [attemptId],
  );

  const load = useCallback(async () => {
    const sentAt = Date.now();
    try {
      const paper = await call(quizEndpoints.attempt, { params: { id: attemptId } });
      const offset = offsetFrom(paper.serverNow, sentAt);
      setOffset(offset);
      if (paper.attempt.status === "active") quizOutbox.cachePaper(attemptId, { paper, clockOffsetMs: offset });
      applyPaper(paper);
      setError(null);
      setOnline(true);
    } catch (err) {
      const cached = isNetwork(err) ? quizOutbox.cachedPaper(attemptId) : null;
      if (cached) {
        // Reopened without a connection: carry on from the copy kept on the phone.
        setOffset(cached.clockOffsetMs);
        applyPaper(cached.paper);
        setOnline(false);
      } else setError(err);
    } finally {
      setLoading(false);
    }
  }, [attemptId, applyPaper, setOffset]);

  /**
   * Send everything still waiting and not on its way, in one request (the oldest tap first).
   * `everything`: the taps on their way too (submit waits for every answer, not for a slow request).
   */
  const flush = useCallback(async (everything = false): Promise<void> => {
    if (flushing.current || closed.current) return;
    flushing.current = true;
    try {
      const waiting = Object.entries(quizOutbox.pending(attemptId));
      const pending = everything ? waiting.sort((a, b) => a[1].seq - b[1].seq) : onTheirWay.current.due(waiting, Date.now());
      if (pending.length === 0) return;
      if ((await sendMany(pending)) === "closed") await load();
    } finally {
      flushing.current = false;
    }
  }, [attemptId, sendMany, onTheirWay, load]);

  const choose = useCallback(
    (questionId: string, optionId: string) => {
      if (closed.current) return;
      const p = quizOutbox.record(attemptId, questionId, optionId);
      setAnswers((prev) => ({ ...prev, [questionId]: { ...p, saved: false } }));
      // Other taps still waiting (the connection was lost): this one goes with them, in one request.
      if (!flushing.current && onTheirWay.current.joinsBacklog(Object.entries(quizOutbox.pending(attemptId)), Date.now())) return void flush();
      void sendOne(questionId, p).then((outcome) => {
        if (outcome === "ok") return flush();
        if (outcome === "closed") return load();
      });
    },
    [attemptId, sendOne, onTheirWay, flush, load],
  );

  const toggleFlag = useCallback((questionId: string) => setFlagged(quizOutbox.toggleFlag(attemptId, questionId)), [attemptId]);

  /** Send what is waiting, then submit. Returns false if answers could not be delivered yet. */
  const submission = useAction(async (): Promise<boolean> => {
    await flush(true);
    // Said as a lost connection: the answers are on the phone and go as soon as it is back.
    if (!closed.current && Object.keys(quizOutbox.pending(attemptId)).length > 0) throw new ApiRequestError("NETWORK", 0, "answers still waiting");
    await call(quizEndpoints.submit, { params: { id: attemptId } });
    closed.current = true;
    await load();
    return true;
  });
  const runSubmission = submission.run;
  const submit = useCallback(async (): Promise<boolean> => (await runSubmission()) ?? false, [runSubmission]);
  const submitting = submission.busy;

  useAttemptLifecycle(attemptId, load, flush, closed, setOnline);

  const pendingCount = useMemo(() => Object.values(answers).filter((a) => !a.saved).length, [answers]);

  return { data, error, loading, reload: load, answers, flagged, online, pendingCount, lateAnswers, submitting, choose, toggleFlag, submit, flush };
}
