import { useEffect, useRef } from "react";
import { onAppResumed } from "../../fence/zalo";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { replayLessonOutbox } from "./progress-outbox";

/**
 * Sends lesson progress left on the phone: at start, when the network returns and when the
 * app comes back from the background. Renders nothing.
 */
export function LessonOutboxSync() {
  const { user } = useSession();
  const notify = useNotify();
  // useNotify() hands out a new object each render; the listeners must not be re-attached for that.
  const notifyRef = useRef(notify);
  notifyRef.current = notify;
  const userId = user?.id ?? null;
  useEffect(() => {
    if (!userId) return;
    const replay = () => {
      void replayLessonOutbox(userId).then(({ failed }) => failed.forEach((err) => notifyRef.current.error(err)));
    };
    replay();
    window.addEventListener("online", replay);
    const offResumed = onAppResumed(replay);
    return () => {
      window.removeEventListener("online", replay);
      offResumed();
    };
  }, [userId]);
  return null;
}
