/**
 * The people feature's entry point. A feature of its own rather than part of auth: a person's page
 * and a merge reach into learning, quiz, units and reminders, and auth is a leaf the others import —
 * putting this there would make cycles.
 */
export { peoplePlugin } from "./people.plugin";
