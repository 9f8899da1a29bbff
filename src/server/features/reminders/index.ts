/** The reminders feature's entry point (nothing reads it but app.ts). */
export { remindersPlugin } from "./reminders.plugin";
