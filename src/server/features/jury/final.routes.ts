import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { juryEndpoints as J } from "../../../domain/jury/jury.endpoints";
import { AllocateRequestSchema, HonourResponseSchema, MyPrizeResponseSchema, OfficialFileParamsSchema, PresenterResponseSchema, PresentRequestSchema, PrizesResponseSchema } from "../../../domain/jury/jury.schema";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { errorResponses } from "../../shared/error-responses";
import { attachment } from "../../shared/http-files";
import { drawFinalOrder, presenterView, presentNow, revealNext } from "./final.service";
import { honourHtml, honourView } from "./honour";
import { confirmPrizes, myResult, officialResult, officialXlsx, prizesView } from "./prizes.service";
import { resultsNoticePdf } from "./results-notice-pdf";

const FileSchema = z.instanceof(Buffer).describe("binary file");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const tags = ["jury"];
const bearer = [{ bearer: [] }];

/** The live final (order, presenter screen, reveal), prizes, official result and the honour page. */
const finalRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get("/api/final/presenter", { schema: { tags, summary: "What the hall's screen shows: order, who is on, countdown, revealed places (public)", response: { 200: PresenterResponseSchema, ...errorResponses } } }, async () => presenterView(ctx));

  app.post("/api/final/draw", { schema: { tags, summary: "Draw the presentation order once, with a published seed (audited)", security: bearer, response: { 200: PresenterResponseSchema, ...errorResponses } } }, async (req) => {
    await drawFinalOrder(ctx, requireRole(req, "organizer"));
    return presenterView(ctx);
  });

  app.post("/api/final/present", { schema: { tags, summary: "Put a finalist on stage and start the countdown", security: bearer, body: PresentRequestSchema, response: { 200: PresenterResponseSchema, ...errorResponses } } }, async (req) => {
    await presentNow(ctx, requireRole(req, "organizer"), req.body.position, req.body.minutes);
    return presenterView(ctx);
  });

  app.post("/api/final/reveal", { schema: { tags, summary: "Reveal the next place, from 6th to 1st (audited)", security: bearer, response: { 200: PresenterResponseSchema, ...errorResponses } } }, async (req) => {
    await revealNext(ctx, requireRole(req, "organizer"));
    return presenterView(ctx);
  });

  app.get("/api/prizes", { schema: { tags, summary: "Proposed prize allocation and the official result (organisers)", security: bearer, response: { 200: PrizesResponseSchema, ...errorResponses } } }, async (req) => {
    requireRole(req, "organizer");
    return prizesView(ctx);
  });

  app.post("/api/prizes/confirm", { schema: { tags, summary: "Confirm the allocation: official result frozen with its SHA-256, certificates issued (audited)", security: bearer, body: AllocateRequestSchema, response: { 200: PrizesResponseSchema, ...errorResponses } } }, async (req) =>
    confirmPrizes(ctx, requireRole(req, "organizer"), req.body),
  );

  app.get(
    "/api/prizes/official.:format",
    { schema: { tags, summary: "The official result as CSV, XLSX or the PDF results notice (public once confirmed)", params: OfficialFileParamsSchema, response: { 200: FileSchema, ...errorResponses } } },
    async (req, reply) => {
      const o = await officialResult(ctx);
      if (!o) throw new AppError(404, "NOT_FOUND", "No official result yet");
      reply.header("x-content-sha256", o.sha256);
      const { format } = req.params;
      if (format === "csv") return reply.type("text/csv; charset=utf-8").header("content-disposition", attachment("ket-qua-chinh-thuc.csv", "Kết quả chính thức.csv")).send(Buffer.from(o.csv, "utf8"));
      if (format === "xlsx") return reply.type(XLSX).header("content-disposition", attachment("ket-qua-chinh-thuc.xlsx", "Kết quả chính thức.xlsx")).send(await officialXlsx(o));
      const pdf = await resultsNoticePdf(o, { organizer: ctx.pack.organizer, contestName: ctx.pack.name });
      return reply.type("application/pdf").header("content-disposition", attachment("thong-bao-ket-qua.pdf", "Thông báo kết quả.pdf")).send(Buffer.from(pdf));
    },
  );

  app.get("/api/prizes/mine", { schema: { tags, summary: "My unit's prize, once the official result is out", security: bearer, response: { 200: MyPrizeResponseSchema, ...errorResponses } } }, async (req) =>
    myResult(ctx, requireUser(req)),
  );

  app.get("/api/honour", { schema: { tags, summary: J.honour.summary, response: { 200: HonourResponseSchema, ...errorResponses } } }, async () => honourView(ctx));

  app.get("/vinh-danh", { schema: { hide: true } }, async (_req, reply) => reply.type("text/html; charset=utf-8").send(honourHtml(ctx.pack.name, await honourView(ctx))));
};

export default finalRoutes;
