/** The reminders feature's entry point: its plugin, and the one pipeline other features send messages through (inbox + Zalo push, ADR 0005). */
export { remindersPlugin } from "./reminders.plugin";
export { createChannels } from "./reminder-channels";
export { enqueueMessages, type NewMessage } from "./reminders.repository";
export { mergeInbox } from "./merge";
