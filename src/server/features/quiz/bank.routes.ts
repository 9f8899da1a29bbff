import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  BankPreviewResponseSchema,
  BankQuestionDetailSchema,
  BankQuestionParamsSchema,
  BankQuestionsQuerySchema,
  BankQuestionsResponseSchema,
  BankStateResponseSchema,
  BankVersionParamsSchema,
  RetireRequestSchema,
} from "../../../domain/quiz/bank.schema";
import { ApiErrorSchema } from "../../../domain/shared/errors";
import { requireRole } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { errorResponses } from "../../shared/error-responses";
import { bankState, browseQuestions, ensureBankSeeded, previewUpload, publishVersion, questionDetail, retireQuestion } from "./bank.service";

/** A bank of a few thousand questions is well under this. */
export const BANK_FILE_MAX_BYTES = 5 * 1024 * 1024;

const tags = ["quiz"];
const security = [{ bearer: [] }];

function uploadError(err: unknown): AppError {
  const code = (err as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE") return new AppError(413, "FILE_TOO_LARGE", "Bank file too large", { file: `Tệp quá lớn (tối đa ${BANK_FILE_MAX_BYTES / 1024 / 1024} MB).` });
  if (code === "FST_INVALID_MULTIPART_CONTENT_TYPE" || code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT")
    return new AppError(400, "BANK_FILE_INVALID", "Send one file as multipart/form-data", { file: "Vui lòng gửi một tệp ngân hàng câu hỏi." });
  if (err instanceof AppError) return err;
  return new AppError(400, "UPLOAD_INTERRUPTED", "The upload was interrupted");
}

/** Organisers' question bank: upload → preview → publish as a version, restore, browse, retire. */
const bankRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: BANK_FILE_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
  // First start-up: the pack's questions.json becomes version 1.
  app.addHook("onReady", async () => ensureBankSeeded(app.ctx));

  app.get(
    "/api/quiz/bank",
    { schema: { tags, summary: "The bank's versions, which one is published, how many questions are retired (organisers)", security, response: { 200: BankStateResponseSchema, ...errorResponses } } },
    async (req) => {
      requireRole(req, "organizer");
      return bankState(app.ctx);
    },
  );

  app.post(
    "/api/quiz/bank/uploads",
    {
      schema: {
        tags,
        summary: "Check a CSV/XLSX bank (multipart field `file`, the quiz:import columns): every problem by row and column; a clean file becomes a draft version",
        consumes: ["multipart/form-data"],
        security,
        response: { 200: BankPreviewResponseSchema, 413: ApiErrorSchema, ...errorResponses },
      },
    },
    async (req) => {
      const user = requireRole(req, "organizer");
      let buffer: Buffer;
      let fileName: string;
      try {
        const part = await req.file();
        if (!part) throw new AppError(400, "BANK_FILE_INVALID", "No file in the upload", { file: "Vui lòng chọn tệp ngân hàng câu hỏi." });
        fileName = part.filename || "ngan-hang.csv";
        buffer = await part.toBuffer();
      } catch (err) {
        throw uploadError(err);
      }
      return previewUpload(app.ctx, user, { buffer, fileName });
    },
  );

  app.post(
    "/api/quiz/bank/versions/:version/publish",
    {
      schema: {
        tags,
        summary: "Publish a draft, or restore an earlier version: new attempts draw from it (the blueprint check runs first)",
        security,
        params: BankVersionParamsSchema,
        response: { 200: BankStateResponseSchema, ...errorResponses },
      },
    },
    async (req) => publishVersion(app.ctx, requireRole(req, "organizer"), req.params.version),
  );

  app.get(
    "/api/quiz/bank/questions",
    {
      schema: {
        tags,
        summary: "Browse and search a bank version by lesson, difficulty and text (organisers)",
        security,
        querystring: BankQuestionsQuerySchema,
        response: { 200: BankQuestionsResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      requireRole(req, "organizer");
      return browseQuestions(app.ctx, req.query);
    },
  );

  app.get(
    "/api/quiz/bank/questions/:id",
    {
      schema: {
        tags,
        summary: "One question with its key, explanation and lesson moment, from any version (organisers)",
        security,
        params: BankQuestionParamsSchema,
        response: { 200: BankQuestionDetailSchema, ...errorResponses },
      },
    },
    async (req) => {
      requireRole(req, "organizer");
      return questionDetail(app.ctx, req.params.id);
    },
  );

  app.post(
    "/api/quiz/bank/questions/:id/retire",
    {
      schema: {
        tags,
        summary: "Retire a question: never drawn again; papers that hold it keep it",
        security,
        params: BankQuestionParamsSchema,
        body: RetireRequestSchema,
        response: { 200: BankQuestionDetailSchema, ...errorResponses },
      },
    },
    async (req) => retireQuestion(app.ctx, requireRole(req, "organizer"), req.params.id, req.body.reason),
  );
};

export default bankRoutes;
