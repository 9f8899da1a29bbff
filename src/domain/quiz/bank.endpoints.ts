import { ApiErrorSchema } from "../shared/errors";
import { defineEndpoint } from "../shared/endpoint";
import {
  BankPreviewResponseSchema,
  BankQuestionDetailSchema,
  BankQuestionParamsSchema,
  BankQuestionsQuerySchema,
  BankQuestionsResponseSchema,
  BankStateResponseSchema,
  BankVersionParamsSchema,
  RetireRequestSchema,
} from "./bank.schema";

const tags = ["quiz"];

/** The question bank in the app (organisers). */
export const quizBankEndpoints = {
  state: defineEndpoint({
    method: "GET",
    path: "/api/quiz/bank",
    tags,
    summary: "The bank's versions, which one is published, how many questions are retired (organisers)",
    auth: "bearer",
    responses: { 200: BankStateResponseSchema },
  }),
  upload: defineEndpoint({
    method: "POST",
    path: "/api/quiz/bank/uploads",
    tags,
    summary: "Check a CSV/XLSX bank (multipart field `file`, the quiz:import columns): every problem by row and column; a clean file becomes a draft version",
    auth: "bearer",
    multipart: true,
    responses: { 200: BankPreviewResponseSchema, 413: ApiErrorSchema },
  }),
  publish: defineEndpoint({
    method: "POST",
    path: "/api/quiz/bank/versions/:version/publish",
    tags,
    summary: "Publish a draft, or restore an earlier version: new attempts draw from it (the blueprint check runs first)",
    auth: "bearer",
    params: BankVersionParamsSchema,
    responses: { 200: BankStateResponseSchema },
  }),
  questions: defineEndpoint({
    method: "GET",
    path: "/api/quiz/bank/questions",
    tags,
    summary: "Browse and search a bank version by lesson, difficulty and text (organisers)",
    auth: "bearer",
    query: BankQuestionsQuerySchema,
    responses: { 200: BankQuestionsResponseSchema },
  }),
  question: defineEndpoint({
    method: "GET",
    path: "/api/quiz/bank/questions/:id",
    tags,
    summary: "One question with its key, explanation and lesson moment, from any version (organisers)",
    auth: "bearer",
    params: BankQuestionParamsSchema,
    responses: { 200: BankQuestionDetailSchema },
  }),
  retire: defineEndpoint({
    method: "POST",
    path: "/api/quiz/bank/questions/:id/retire",
    tags,
    summary: "Retire a question: never drawn again; papers that hold it keep it",
    auth: "bearer",
    params: BankQuestionParamsSchema,
    body: RetireRequestSchema,
    responses: { 200: BankQuestionDetailSchema },
  }),
};
