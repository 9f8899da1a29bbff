import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { CloseStageResponseSchema, ConfirmQualifiersRequestSchema, StageParamsSchema, StageResultResponseSchema } from "../../../domain/ranking/ranking.schema";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { attachment, FileSchema } from "../../shared/http-files";
import { errorResponses } from "../../shared/error-responses";
import { type BoardsSource, closeStage, confirmQualifiers, loadSnapshot, stageOf, stageResult } from "./stages.service";

export type StagesOptions = {
  /** Per stage id, the ranking its close freezes (Stage 1: the live participation ranking). */
  rankings: Readonly<Record<string, BoardsSource>>;
};

const stagesRoutes: FastifyPluginAsyncZod<StagesOptions> = async (app, opts) => {
  app.get(
    "/api/stages/:stageId/result",
    {
      schema: {
        tags: ["units"],
        summary: "A stage's frozen ranking (if closed) with its SHA-256, the proposed qualifiers and the organiser's confirmation",
        security: [{ bearer: [] }],
        params: StageParamsSchema,
        response: { 200: StageResultResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      requireUser(req);
      return stageResult(app.ctx, req.params.stageId);
    },
  );

  app.post(
    "/api/stages/:stageId/close",
    {
      schema: {
        tags: ["units"],
        summary: "Close a stage (organisers, after its deadline): compute its final ranking once and freeze it; idempotent",
        security: [{ bearer: [] }],
        params: StageParamsSchema,
        response: { 200: CloseStageResponseSchema, ...errorResponses },
      },
    },
    async (req) => closeStage(app.ctx, requireRole(req, "organizer"), req.params.stageId, opts.rankings[req.params.stageId]),
  );

  app.post(
    "/api/stages/:stageId/qualifiers",
    {
      schema: {
        tags: ["units"],
        summary: "Confirm the units going on to the next stage (a reason is required when they differ from the proposal); audited",
        security: [{ bearer: [] }],
        params: StageParamsSchema,
        body: ConfirmQualifiersRequestSchema,
        response: { 200: StageResultResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const result = await confirmQualifiers(app.ctx, requireRole(req, "organizer"), req.params.stageId, req.body);
      for (const hook of app.ctx.hooks.qualifiersConfirmed) await hook(app.ctx, req.params.stageId).catch((err: unknown) => req.log.error({ err }, "qualifiersConfirmed hook failed"));
      return result;
    },
  );

  app.get(
    "/api/stages/:stageId/snapshot.csv",
    {
      schema: {
        tags: ["units"],
        summary: "A stage's published ranking as CSV (public); its SHA-256 is in the x-content-sha256 header and in the app",
        params: StageParamsSchema,
        response: { 200: FileSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { stage, number } = stageOf(app.ctx.pack, req.params.stageId);
      const snapshot = await loadSnapshot(app.ctx, stage.id);
      if (!snapshot) throw new AppError(404, "SNAPSHOT_MISSING", `Stage ${number} has not been closed yet`);
      return reply
        .type("text/csv; charset=utf-8")
        .header("x-content-sha256", snapshot.sha256)
        .header("content-disposition", attachment(`xep-hang-giai-doan-${number}.csv`, `Xếp hạng Giai đoạn ${number}.csv`))
        .send(Buffer.from(snapshot.csv, "utf8"));
    },
  );
};

export default stagesRoutes;
