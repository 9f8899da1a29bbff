import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { finalEndpoints as F } from "../../../domain/jury/final.endpoints";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { attachment, XLSX_TYPE } from "../../shared/http-files";
import { route } from "../../shared/route";
import { drawFinalOrder, presenterView, presentNow, revealNext } from "./final.service";
import { honourHtml, honourView } from "./honour";
import { confirmPrizes, myResult, officialResult, officialXlsx, prizesView } from "./prizes.service";
import { resultsNoticePdf } from "./results-notice-pdf";

/** The live final (order, presenter screen, reveal), prizes, official result and the honour page. */
const finalRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  route(app, F.presenter, async () => presenterView(ctx));

  route(app, F.drawOrder, async (req) => {
    await drawFinalOrder(ctx, requireRole(req, "organizer"));
    return presenterView(ctx);
  });

  route(app, F.present, async (req) => {
    await presentNow(ctx, requireRole(req, "organizer"), req.body.position, req.body.minutes);
    return presenterView(ctx);
  });

  route(app, F.reveal, async (req) => {
    await revealNext(ctx, requireRole(req, "organizer"));
    return presenterView(ctx);
  });

  route(app, F.prizes, async (req) => {
    requireRole(req, "organizer");
    return prizesView(ctx);
  });

  route(app, F.confirmPrizes, async (req) => confirmPrizes(ctx, requireRole(req, "organizer"), req.body));

  route(app, F.officialFile, async (req, reply) => {
    const o = await officialResult(ctx);
    if (!o) throw new AppError(404, "NOT_FOUND", "No official result yet");
    reply.header("x-content-sha256", o.sha256);
    const { format } = req.params;
    if (format === "csv") return reply.type("text/csv; charset=utf-8").header("content-disposition", attachment("ket-qua-chinh-thuc.csv", "Kết quả chính thức.csv")).send(Buffer.from(o.csv, "utf8"));
    if (format === "xlsx") return reply.type(XLSX_TYPE).header("content-disposition", attachment("ket-qua-chinh-thuc.xlsx", "Kết quả chính thức.xlsx")).send(await officialXlsx(o));
    const pdf = await resultsNoticePdf(o, { organizer: ctx.pack.organizer, contestName: ctx.pack.name });
    return reply.type("application/pdf").header("content-disposition", attachment("thong-bao-ket-qua.pdf", "Thông báo kết quả.pdf")).send(Buffer.from(pdf));
  });

  route(app, F.myPrize, async (req) => myResult(ctx, requireUser(req)));
  route(app, F.honour, async () => honourView(ctx));

  app.get("/vinh-danh", { schema: { hide: true } }, async (_req, reply) => reply.type("text/html; charset=utf-8").send(honourHtml(ctx.pack.name, await honourView(ctx))));
};

export default finalRoutes;
