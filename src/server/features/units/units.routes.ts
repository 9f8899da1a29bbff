import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AuditResponseSchema,
  CloseStageResponseSchema,
  ConfirmQualifiersRequestSchema,
  DownloadLinkResponseSchema,
  DownloadQuerySchema,
  LeaderboardQuerySchema,
  LeaderboardResponseSchema,
  StageParamsSchema,
  StageResultResponseSchema,
} from "../../../domain/ranking/ranking.schema";
import {
  ClaimDecisionRequestSchema,
  ClaimParamsSchema,
  ClaimResponseSchema,
  ClaimsResponseSchema,
  CreateClaimRequestSchema,
  DashboardResponseSchema,
  MyStatusResponseSchema,
  RosterImportQuerySchema,
  RosterImportResponseSchema,
  UnitMembersResponseSchema,
  UnitParamsSchema,
} from "../../../domain/units/roster.schema";
import { boardOfKind, UnitsQuerySchema, UnitsResponseSchema } from "../../../domain/units/unit.schema";
import { ApiErrorSchema } from "../../../domain/shared/errors";
import { vnParts } from "../../../domain/shared/time";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { errorResponses } from "../../shared/error-responses";
import { findUserById } from "../auth/users.repository";
import { reportsIncludeStaffPhones } from "../privacy/privacy.service";
import type { UserRow } from "../auth/users.table";
import { listAudit } from "./audit.repository";
import { createClaim, decideClaim, pendingClaims } from "./claims.service";
import { assertCanManageUnit, bySubUnit, findUnit, myStatus, summarise, unitDashboard, unitMembers, unitPeopleView } from "./dashboard.service";
import { issueDownloadToken, verifyDownloadToken } from "./download-token";
import { closeStage1, confirmQualifiers, currentBoards, formulaOf, loadSnapshot, stageResult } from "./ranking.service";
import { attachment, cityReportXlsx, unitReportXlsx } from "./reports";
import { ROSTER_FILE_MAX_BYTES } from "./roster-file";
import { importRoster, matchVerifiedPhone } from "./roster.service";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const FileSchema = z.instanceof(Buffer).describe("binary file");
const unitReportPath = (code: string) => `/api/units/${code}/report.xlsx`;
const CITY_REPORT_PATH = "/api/reports/city.xlsx";

const dateStamp = (at: Date) => {
  const p = vnParts(at);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
};

/** Multipart failures become the roster error the app explains in Vietnamese. */
function uploadError(err: unknown): AppError {
  const code = (err as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE")
    return new AppError(413, "ROSTER_INVALID", "Roster file too large", { file: `Tệp quá lớn (tối đa ${ROSTER_FILE_MAX_BYTES / 1024 / 1024} MB).` });
  if (code === "FST_INVALID_MULTIPART_CONTENT_TYPE" || code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT")
    return new AppError(400, "ROSTER_INVALID", "Send one file as multipart/form-data", { file: "Vui lòng gửi một tệp danh sách." });
  if (err instanceof AppError) return err;
  return new AppError(400, "ROSTER_INVALID", "The upload was interrupted", { file: "Tải tệp lên bị gián đoạn. Vui lòng thử lại." });
}

const unitsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Scoped to this plugin: only the roster upload accepts multipart.
  await app.register(multipart, { limits: { fileSize: ROSTER_FILE_MAX_BYTES, files: 1, fields: 10, parts: 12 } });
  app.ctx.hooks.phoneVerified.push((db, user, now) => matchVerifiedPhone(app.ctx, db, user, now));

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
    "/api/units",
    { schema: { tags: ["units"], summary: "The contest's units: communes/wards/special zones and departments", querystring: UnitsQuerySchema, response: { 200: UnitsResponseSchema, ...errorResponses } } },
    async (req) => {
      const { kind } = req.query;
      const units = app.ctx.pack.units.filter((u) => kind === "all" || boardOfKind(u.kind) === kind);
      return { units };
    },
  );

  app.get(
    "/api/leaderboard",
    {
      schema: {
        tags: ["units"],
        summary: "A ranking board: participation of the roster, mean best score, composite by the pack's formula (the frozen snapshot once Stage 1 is closed)",
        security: [{ bearer: [] }],
        querystring: LeaderboardQuerySchema,
        response: { 200: LeaderboardResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const current = await currentBoards(app.ctx);
      return {
        board: req.query.board,
        source: current.source,
        generatedAt: current.generatedAt,
        formula: formulaOf(app.ctx.pack),
        rows: current.boards[req.query.board],
        myUnitCode: user.unitCode,
        snapshot: current.snapshot,
      };
    },
  );

  app.get(
    "/api/units/:code/dashboard",
    {
      schema: {
        tags: ["units"],
        summary: "A unit's live counts, participation against its roster, chart by sub-unit and chase list (its lead or organisers)",
        security: [{ bearer: [] }],
        params: UnitParamsSchema,
        response: { 200: DashboardResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      assertCanManageUnit(requireUser(req), req.params.code);
      return unitDashboard(app.ctx, req.params.code);
    },
  );

  app.post(
    "/api/units/:code/roster",
    {
      schema: {
        tags: ["units"],
        summary: "Import the unit's staff list (multipart field `file`: .xlsx or .csv); ?replace=1 removes people not in the file",
        consumes: ["multipart/form-data"],
        security: [{ bearer: [] }],
        params: UnitParamsSchema,
        querystring: RosterImportQuerySchema,
        response: { 200: RosterImportResponseSchema, 413: ApiErrorSchema, ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      assertCanManageUnit(user, req.params.code);
      findUnit(app.ctx, req.params.code);
      let buffer: Buffer;
      let fileName: string;
      try {
        const part = await req.file();
        if (!part) throw new AppError(400, "ROSTER_INVALID", "No file in the upload", { file: "Vui lòng chọn tệp danh sách." });
        fileName = part.filename || "danh-sach";
        buffer = await part.toBuffer();
      } catch (err) {
        throw uploadError(err);
      }
      return importRoster(app.ctx, user, req.params.code, { buffer, fileName }, req.query.replace);
    },
  );

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
      const unit = findUnit(app.ctx, req.params.code);
      const [people, dashboard] = await Promise.all([unitPeopleView(app.ctx, unit.code), unitDashboard(app.ctx, unit.code)]);
      const now = app.ctx.clock.now();
      const file = await unitReportXlsx({
        contestName: app.ctx.pack.name,
        unit,
        generatedAt: now,
        lessonCount: app.ctx.pack.lessons.length,
        summary: summarise(people),
        rank: dashboard.rank,
        bySubUnit: bySubUnit(people),
        people,
        includeStaffPhones: await reportsIncludeStaffPhones(app.ctx.db),
      });
      return reply
        .type(XLSX_TYPE)
        .header("cache-control", "no-store")
        .header("content-disposition", attachment(`bao-cao-tham-gia-${unit.code}-${dateStamp(now)}.xlsx`, `Báo cáo tham gia - ${unit.fullName} - ${dateStamp(now)}.xlsx`))
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
    "/api/units/:code/members",
    {
      schema: {
        tags: ["units"],
        summary: "Accounts that chose this unit, with their role and whether they are on its roster",
        security: [{ bearer: [] }],
        params: UnitParamsSchema,
        response: { 200: UnitMembersResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      assertCanManageUnit(requireUser(req), req.params.code);
      findUnit(app.ctx, req.params.code);
      return unitMembers(app.ctx, req.params.code);
    },
  );

  app.post(
    "/api/units/:code/claims",
    {
      schema: {
        tags: ["units"],
        summary: "Ask to join a unit's roster (for people not on any list); replaces my pending claim",
        security: [{ bearer: [] }],
        params: UnitParamsSchema,
        body: CreateClaimRequestSchema,
        response: { 200: ClaimResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      findUnit(app.ctx, req.params.code);
      return { claim: await createClaim(app.ctx, user, req.params.code, req.body) };
    },
  );

  app.get(
    "/api/units/:code/claims",
    {
      schema: { tags: ["units"], summary: "Pending claims to join this unit", security: [{ bearer: [] }], params: UnitParamsSchema, response: { 200: ClaimsResponseSchema, ...errorResponses } },
    },
    async (req) => {
      assertCanManageUnit(requireUser(req), req.params.code);
      findUnit(app.ctx, req.params.code);
      return { claims: await pendingClaims(app.ctx.db, req.params.code) };
    },
  );

  app.post(
    "/api/units/:code/claims/:id/decision",
    {
      schema: {
        tags: ["units"],
        summary: "Approve (adds the person to the roster) or reject a claim",
        security: [{ bearer: [] }],
        params: ClaimParamsSchema,
        body: ClaimDecisionRequestSchema,
        response: { 200: ClaimResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      assertCanManageUnit(user, req.params.code);
      return { claim: await decideClaim(app.ctx, user, req.params.code, req.params.id, req.body.approve) };
    },
  );

  app.get(
    "/api/me/unit-status",
    {
      schema: {
        tags: ["units"],
        summary: "My own progress, whether my unit's roster knows me, and my claim",
        security: [{ bearer: [] }],
        response: { 200: MyStatusResponseSchema, ...errorResponses },
      },
    },
    async (req) => myStatus(app.ctx, requireUser(req)),
  );

  app.get(
    "/api/stages/:stageId/result",
    {
      schema: {
        tags: ["units"],
        summary: "Stage 1's frozen ranking (if closed) with its SHA-256, the proposed qualifiers and the organiser's confirmation",
        security: [{ bearer: [] }],
        params: StageParamsSchema,
        response: { 200: StageResultResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      requireUser(req);
      return stageResult(app.ctx);
    },
  );

  app.post(
    "/api/stages/:stageId/close",
    {
      schema: {
        tags: ["units"],
        summary: "Close Stage 1 (organisers, after its deadline): compute the final ranking once and freeze it; idempotent",
        security: [{ bearer: [] }],
        params: StageParamsSchema,
        response: { 200: CloseStageResponseSchema, ...errorResponses },
      },
    },
    async (req) => closeStage1(app.ctx, requireRole(req, "organizer")),
  );

  app.post(
    "/api/stages/:stageId/qualifiers",
    {
      schema: {
        tags: ["units"],
        summary: "Confirm the Stage 2 qualifiers (a reason is required when they differ from the proposal); audited",
        security: [{ bearer: [] }],
        params: StageParamsSchema,
        body: ConfirmQualifiersRequestSchema,
        response: { 200: StageResultResponseSchema, ...errorResponses },
      },
    },
    async (req) => confirmQualifiers(app.ctx, requireRole(req, "organizer"), req.body),
  );

  app.get(
    "/api/stages/:stageId/snapshot.csv",
    {
      schema: {
        tags: ["units"],
        summary: "The published Stage 1 ranking as CSV (public); its SHA-256 is in the x-content-sha256 header and in the app",
        params: StageParamsSchema,
        response: { 200: FileSchema, ...errorResponses },
      },
    },
    async (_req, reply) => {
      const snapshot = await loadSnapshot(app.ctx.db);
      if (!snapshot) throw new AppError(404, "SNAPSHOT_MISSING", "Stage 1 has not been closed yet");
      return reply
        .type("text/csv; charset=utf-8")
        .header("x-content-sha256", snapshot.sha256)
        .header("content-disposition", attachment("xep-hang-giai-doan-1.csv", "Xếp hạng Giai đoạn 1.csv"))
        .send(Buffer.from(snapshot.csv, "utf8"));
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
      const current = await currentBoards(app.ctx);
      const now = app.ctx.clock.now();
      const file = await cityReportXlsx({
        contestName: app.ctx.pack.name,
        generatedAt: current.source === "snapshot" ? new Date(current.generatedAt) : now,
        source: current.source,
        sha256: current.snapshot?.sha256 ?? null,
        formula: formulaOf(app.ctx.pack),
        boards: current.boards,
      });
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

export default unitsRoutes;
