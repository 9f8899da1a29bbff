/** The quiz feature's entry point: the only module other features (and app.ts) import from it. */
export { quizPlugin } from "./quiz.plugin";
export { createQuizCache, type QuizCache } from "./quiz.service";
export { personTest } from "./overrides.service";
export { mergeQuizAttempts } from "./merge";
