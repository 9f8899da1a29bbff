import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { quizBankEndpoints as B } from "../../../domain/quiz/bank.endpoints";
import { requireRole } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { route } from "../../shared/route";
import { readSingleFile, type SingleFileErrors } from "../../shared/uploads/single-file";
import { bankState, browseQuestions, ensureBankSeeded, previewUpload, publishVersion, questionDetail, retireQuestion } from "./bank.service";

/** A bank of a few thousand questions is well under this. */
export const BANK_FILE_MAX_BYTES = 5 * 1024 * 1024;

const uploadErrors: SingleFileErrors = {
  tooLarge: () => new AppError(413, "FILE_TOO_LARGE", "Bank file too large", { file: `Tệp quá lớn (tối đa ${BANK_FILE_MAX_BYTES / 1024 / 1024} MB).` }),
  invalid: () => new AppError(400, "BANK_FILE_INVALID", "Send one file as multipart/form-data", { file: "Vui lòng gửi một tệp ngân hàng câu hỏi." }),
  missing: () => new AppError(400, "BANK_FILE_INVALID", "No file in the upload", { file: "Vui lòng chọn tệp ngân hàng câu hỏi." }),
  interrupted: () => new AppError(400, "UPLOAD_INTERRUPTED", "The upload was interrupted"),
};

/** Organisers' question bank: upload → preview → publish as a version, restore, browse, retire. */
const bankRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: BANK_FILE_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
  // First start-up: the pack's questions.json becomes version 1.
  app.addHook("onReady", async () => ensureBankSeeded(app.ctx));

  route(app, B.state, async (req) => {
    requireRole(req, "organizer");
    return bankState(app.ctx);
  });

  route(app, B.upload, async (req) => {
    const user = requireRole(req, "organizer");
    return previewUpload(app.ctx, user, await readSingleFile(req, uploadErrors, "ngan-hang.csv"));
  });

  route(app, B.publish, async (req) => publishVersion(app.ctx, requireRole(req, "organizer"), req.params.version));

  route(app, B.questions, async (req) => {
    requireRole(req, "organizer");
    return browseQuestions(app.ctx, req.query);
  });

  route(app, B.question, async (req) => {
    requireRole(req, "organizer");
    return questionDetail(app.ctx, req.params.id);
  });

  route(app, B.retire, async (req) => retireQuestion(app.ctx, requireRole(req, "organizer"), req.params.id, req.body.reason));
};

export default bankRoutes;
