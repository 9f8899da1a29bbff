/** The learning feature's entry point (app.ts; others read lesson_progress only through participation). */
export { learningPlugin } from "./learning.plugin";
/** Demo only (AUTH_DEV): the demo panel completes lessons for a demo account the way learning records them. */
export { ensureProgress, updateProgress } from "./lesson-progress.repository";
export { mergeLessonProgress } from "./merge";
