import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AuditResponseSchema, DownloadLinkResponseSchema, DownloadQuerySchema } from "../../../domain/ranking/ranking.schema";
import { UnitParamsSchema } from "../../../domain/units/roster.schema";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { listAudit } from "../../shared/audit";
import { errorResponses } from "../../shared/error-responses";
import { asciiSlug, attachment, dateStamp, FileSchema, XLSX_TYPE } from "../../shared/http-files";
import { findUserById } from "../auth";
import type { UserRow } from "../auth";
import { assertCanManageUnit, findUnit } from "../units";
import { issueDownloadToken, verifyDownloadToken } from "../../shared/download-token";
import { cityReport, unitReport } from "./reports.service";

const unitReportPath = (code: string) => `/api/units/${code}/report.xlsx`;
const CITY_REPORT_PATH = "/api/reports/city.xlsx";

const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Bearer session, or a short-lived signed link for this exact file (Zalo's downloader cannot send headers). */
  async function downloader(req: FastifyRequest, path: string, token: string | undefined): Promise<UserRow> {
    if (req.user) return req.user;
    if (token) {
      const userId = verifyDownloadToken(app.ctx.env.SESSION_SECRET, token, path, app.ctx.clock.now());
      const user = userId ? await findUserById(app.ctx.db, userId) : undefined;
      if (user) return user;
      throw new AppError(401, "SESSION_EXPIRED", "The download link is not valid or has expired");
    }
    throw new AppError(401, "UNAUTHENTICATED", "Sign in first");
  }

  function downloadLink(user: UserRow, path: string) {
    const { token, expiresAt } = issueDownloadToken(app.ctx.env.SESSION_SECRET, user.id, path, app.ctx.clock.now());
    return { url: `${path}?token=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() };
  }

  app.get(
    "/api/units/:code/report.xlsx",
    {
      schema: {
        tags: ["units"],
        summary: "The unit's official participation report (XLSX): a summary sheet and one row per person; bearer or ?token= from report-link",
        security: [{ bearer: [] }],
        params: UnitParamsSchema,
        querystring: DownloadQuerySchema,
        response: { 200: FileSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = await downloader(req, unitReportPath(req.params.code), req.query.token);
      assertCanManageUnit(user, req.params.code);
      const now = app.ctx.clock.now();
      const { unit, file } = await unitReport(app.ctx, req.params.code, now);
      return reply
        .type(XLSX_TYPE)
        .header("cache-control", "no-store")
        .header("content-disposition", attachment(`bao-cao-tham-gia-${asciiSlug(unit.fullName)}-${dateStamp(now)}.xlsx`, `Báo cáo tham gia - ${unit.fullName} - ${dateStamp(now)}.xlsx`))
        .send(file);
    },
  );

  app.post(
    "/api/units/:code/report-link",
    {
      schema: {
        tags: ["units"],
        summary: "A 5-minute signed link to the unit's XLSX report (for Zalo's downloader, which cannot send the bearer header)",
        security: [{ bearer: [] }],
        params: UnitParamsSchema,
        response: { 200: DownloadLinkResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      assertCanManageUnit(user, req.params.code);
      findUnit(app.ctx, req.params.code);
      return downloadLink(user, unitReportPath(req.params.code));
    },
  );

  app.get(
    CITY_REPORT_PATH,
    {
      schema: {
        tags: ["units"],
        summary: "City-wide XLSX report for the department (organisers): per unit roster size, participation, mean score, rank",
        security: [{ bearer: [] }],
        querystring: DownloadQuerySchema,
        response: { 200: FileSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = await downloader(req, CITY_REPORT_PATH, req.query.token);
      if (user.role !== "organizer") throw new AppError(403, "FORBIDDEN", "Needs role organizer");
      const now = app.ctx.clock.now();
      const file = await cityReport(app.ctx, now);
      return reply
        .type(XLSX_TYPE)
        .header("cache-control", "no-store")
        .header("content-disposition", attachment(`bao-cao-toan-thanh-pho-${dateStamp(now)}.xlsx`, `Báo cáo toàn thành phố - ${dateStamp(now)}.xlsx`))
        .send(file);
    },
  );

  app.post(
    "/api/reports/city-link",
    {
      schema: { tags: ["units"], summary: "A 5-minute signed link to the city-wide XLSX (organisers)", security: [{ bearer: [] }], response: { 200: DownloadLinkResponseSchema, ...errorResponses } },
    },
    async (req) => downloadLink(requireRole(req, "organizer"), CITY_REPORT_PATH),
  );

  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["units"],
        summary: "The audit log: roster imports, claim decisions, roles from rosters, stage close, qualifier confirmations (organisers)",
        security: [{ bearer: [] }],
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: AuditResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      requireRole(req, "organizer");
      return { entries: await listAudit(app.ctx.db, req.query.limit) };
    },
  );
};

export default reportsRoutes;
