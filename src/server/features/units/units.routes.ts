import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { boardOfKind } from "../../../domain/units/unit.schema";
import { unitsEndpoints as U } from "../../../domain/units/units.endpoints";
import { requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { route } from "../../shared/route";
import { readSingleFile, type SingleFileErrors } from "../../shared/uploads/single-file";
import { assertCanManageUnit, findUnit } from "./access";
import { myStatus, unitDashboard, unitMembers } from "./dashboard.service";
import { ROSTER_FILE_MAX_BYTES } from "./roster-file";
import { importOrHold } from "./roster-freeze.service";

/** Multipart failures become the roster error the app explains in Vietnamese. */
const uploadErrors: SingleFileErrors = {
  tooLarge: () => new AppError(413, "ROSTER_INVALID", "Roster file too large", { file: `Tệp quá lớn (tối đa ${ROSTER_FILE_MAX_BYTES / 1024 / 1024} MB).` }),
  invalid: () => new AppError(400, "ROSTER_INVALID", "Send one file as multipart/form-data", { file: "Vui lòng gửi một tệp danh sách." }),
  missing: () => new AppError(400, "ROSTER_INVALID", "No file in the upload", { file: "Vui lòng chọn tệp danh sách." }),
  interrupted: () => new AppError(400, "ROSTER_INVALID", "The upload was interrupted", { file: "Tải tệp lên bị gián đoạn. Vui lòng thử lại." }),
};

/** The unit list, a unit's dashboard and members, my own status, and the roster upload. */
const unitsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Scoped to this plugin: only the roster upload accepts multipart.
  await app.register(multipart, { limits: { fileSize: ROSTER_FILE_MAX_BYTES, files: 1, fields: 10, parts: 12 } });

  route(app, U.units, async (req) => {
    const { kind } = req.query;
    return { units: app.ctx.pack.units.filter((u) => kind === "all" || boardOfKind(u.kind) === kind) };
  });

  route(app, U.dashboard, async (req) => {
    assertCanManageUnit(requireUser(req), req.params.code);
    return unitDashboard(app.ctx, req.params.code);
  });

  route(app, U.importRoster, async (req) => {
    const user = requireUser(req);
    assertCanManageUnit(user, req.params.code);
    findUnit(app.ctx, req.params.code);
    return importOrHold(app.ctx, user, req.params.code, await readSingleFile(req, uploadErrors, "danh-sach"), req.query.replace);
  });

  route(app, U.members, async (req) => {
    assertCanManageUnit(requireUser(req), req.params.code);
    findUnit(app.ctx, req.params.code);
    return unitMembers(app.ctx, req.params.code);
  });

  route(app, U.myStatus, async (req) => myStatus(app.ctx, requireUser(req)));
};

export default unitsRoutes;
