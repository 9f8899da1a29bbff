import { useCallback, useEffect } from "react";
import { remindersEndpoints } from "../../../domain/reminders/reminders.endpoints";
import { onAppResumed } from "../../fence/zalo";
import { call } from "../../shared/api/call";
import { useInboxUnread, useSetInboxUnread } from "../../shared/state/inbox-unread";
import { pendingReads } from "./pending-reads";

const POLL_MS = 60_000;

/**
 * Keeps the navigation badge's unread count fresh: at start, every minute while open, and when
 * the app comes back to the foreground. A failed poll keeps the last count and tries again on the
 * next round: a badge is not worth an error message every minute on a weak connection (the inbox
 * page itself shows errors).
 */
export function useInboxUnreadPolling(enabled: boolean): number {
  const unread = useInboxUnread();
  const setUnread = useSetInboxUnread();
  const refresh = useCallback(async () => {
    try {
      const { unread: n } = await call(remindersEndpoints.unreadCount);
      // Reads still in the outbox (OutboxSync sends them) are already read on this phone.
      setUnread(Math.max(0, n - pendingReads().length));
    } catch {
      // Kept for the next round; see above.
    }
  }, [setUnread]);
  useEffect(() => {
    if (!enabled) return;
    void refresh();
    const id = setInterval(() => void refresh(), POLL_MS);
    const off = onAppResumed(() => void refresh());
    return () => {
      clearInterval(id);
      off();
    };
  }, [enabled, refresh]);
  return enabled ? unread : 0;
}
