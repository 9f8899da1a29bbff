import { atom, useRecoilValue, useSetRecoilState } from "recoil";

/**
 * Unread messages in my in-app inbox. Read by the navigation badge and the "me" page; written
 * by the reminders feature (its poller and the inbox page when something is read).
 */
export const inboxUnreadState = atom<number>({ key: "inboxUnread", default: 0 });

export const useInboxUnread = () => useRecoilValue(inboxUnreadState);
export const useSetInboxUnread = () => useSetRecoilState(inboxUnreadState);
