/** The learning feature's entry point (app.ts; others read lesson_progress only through participation). */
export { learningPlugin } from "./learning.plugin";
