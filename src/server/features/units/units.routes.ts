import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  DashboardResponseSchema,
  MyStatusResponseSchema,
  RosterImportQuerySchema,
  RosterImportResponseSchema,
  UnitMembersResponseSchema,
  UnitParamsSchema,
} from "../../../domain/units/roster.schema";
import { boardOfKind, UnitsQuerySchema, UnitsResponseSchema } from "../../../domain/units/unit.schema";
import { ApiErrorSchema } from "../../../domain/shared/errors";
import { requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { errorResponses } from "../../shared/error-responses";
import { assertCanManageUnit, findUnit } from "./access";
import { myStatus, unitDashboard, unitMembers } from "./dashboard.service";
import { ROSTER_FILE_MAX_BYTES } from "./roster-file";
import { importOrHold } from "./roster-freeze.service";

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

/** The unit list, a unit's dashboard and members, my own status, and the roster upload. */
const unitsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Scoped to this plugin: only the roster upload accepts multipart.
  await app.register(multipart, { limits: { fileSize: ROSTER_FILE_MAX_BYTES, files: 1, fields: 10, parts: 12 } });

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
      return importOrHold(app.ctx, user, req.params.code, { buffer, fileName }, req.query.replace);
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
};

export default unitsRoutes;
