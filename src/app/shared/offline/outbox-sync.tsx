import { useEffect, useRef } from "react";
import { onAppResumed } from "../../fence/zalo";
import { useNotify } from "../hooks/use-error-snackbar";
import { useSession } from "../state/session-state";
import type { ReplayableOutbox } from "./outbox";

/** How often a stalled outbox (its last send failed in a way worth retrying) is tried again. */
export const RETRY_EVERY_MS = 5000;

export type ReplayReason = "start" | "online" | "resume" | "tick";
const replayListeners = new Set<(reason: ReplayReason) => void>();

/**
 * For outboxes a page flushes itself (quiz answers: the page shows each answer's state): told
 * on the same triggers as the rest. Returns the unsubscribe function.
 */
export function onOutboxReplay(cb: (reason: ReplayReason) => void): () => void {
  replayListeners.add(cb);
  return () => replayListeners.delete(cb);
}

/** The one replay loop of the app's outboxes, as a hook for pages that flush their own. */
export function useOutboxReplay(cb: (reason: ReplayReason) => void): void {
  const ref = useRef(cb);
  ref.current = cb;
  useEffect(() => onOutboxReplay((reason) => ref.current(reason)), []);
}

/**
 * Sends what the phone kept: at start (once signed in), when the network returns, when the app
 * comes back from the background, and every few seconds while a send is failing. Writes refused
 * for good are reported in Vietnamese when their outbox asks for it. Renders nothing.
 */
export function OutboxSync({ outboxes }: { outboxes: readonly ReplayableOutbox[] }) {
  const { user } = useSession();
  const notify = useNotify();
  // useNotify() hands out a new object each render; the listeners must not be re-attached for that.
  const notifyRef = useRef(notify);
  notifyRef.current = notify;
  const outboxesRef = useRef(outboxes);
  outboxesRef.current = outboxes;
  const userId = user?.id ?? null;

  useEffect(() => {
    if (!userId) return;
    let running = false;
    const replay = async (reason: ReplayReason) => {
      replayListeners.forEach((cb) => cb(reason));
      if (running) return;
      running = true;
      try {
        for (const outbox of outboxesRef.current) {
          if (outbox.size() === 0 || (reason === "tick" && !outbox.stalled())) continue;
          const { failed } = await outbox.replay(userId);
          failed.forEach((err) => notifyRef.current.error(err));
        }
      } catch (err) {
        notifyRef.current.error(err);
      } finally {
        running = false;
      }
    };
    void replay("start");
    const goOnline = () => void replay("online");
    window.addEventListener("online", goOnline);
    const offResumed = onAppResumed(() => void replay("resume"));
    const id = setInterval(() => void replay("tick"), RETRY_EVERY_MS);
    return () => {
      window.removeEventListener("online", goOnline);
      offResumed();
      clearInterval(id);
    };
  }, [userId]);
  return null;
}
