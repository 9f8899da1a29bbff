import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { reportsEndpoints as R } from "../../../domain/reports/reports.endpoints";
import { endpointUrl } from "../../../domain/shared/endpoint";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { listAudit } from "../../shared/audit";
import { downloadTokenLink, downloadTokenUser } from "../../shared/download-link";
import { asciiSlug, attachment, dateStamp, XLSX_TYPE } from "../../shared/http-files";
import { route } from "../../shared/route";
import { assertCanManageUnit, findUnit } from "../units";
import { cityReport, unitReport } from "./reports.service";

const unitReportPath = (code: string) => endpointUrl(R.unitReport, { params: { code } });

const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  route(app, R.unitReport, async (req, reply) => {
    const user = await downloadTokenUser(ctx, req, unitReportPath(req.params.code), req.query.token);
    assertCanManageUnit(user, req.params.code);
    const now = ctx.clock.now();
    const { unit, file } = await unitReport(ctx, req.params.code, now);
    return reply
      .type(XLSX_TYPE)
      .header("cache-control", "no-store")
      .header("content-disposition", attachment(`bao-cao-tham-gia-${asciiSlug(unit.fullName)}-${dateStamp(now)}.xlsx`, `Báo cáo tham gia - ${unit.fullName} - ${dateStamp(now)}.xlsx`))
      .send(file);
  });

  route(app, R.unitReportLink, async (req) => {
    const user = requireUser(req);
    assertCanManageUnit(user, req.params.code);
    findUnit(ctx, req.params.code);
    return downloadTokenLink(ctx, user, unitReportPath(req.params.code));
  });

  route(app, R.cityReport, async (req, reply) => {
    const user = await downloadTokenUser(ctx, req, R.cityReport.path, req.query.token);
    if (user.role !== "organizer") throw new AppError(403, "FORBIDDEN", "Needs role organizer");
    const now = ctx.clock.now();
    const file = await cityReport(ctx, now);
    return reply
      .type(XLSX_TYPE)
      .header("cache-control", "no-store")
      .header("content-disposition", attachment(`bao-cao-toan-thanh-pho-${dateStamp(now)}.xlsx`, `Báo cáo toàn thành phố - ${dateStamp(now)}.xlsx`))
      .send(file);
  });

  route(app, R.cityReportLink, async (req) => downloadTokenLink(ctx, requireRole(req, "organizer"), R.cityReport.path));

  route(app, R.audit, async (req) => {
    requireRole(req, "organizer");
    return { entries: await listAudit(ctx.db, req.query.limit) };
  });
};

export default reportsRoutes;
