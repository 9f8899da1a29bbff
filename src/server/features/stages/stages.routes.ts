import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { stagesEndpoints as S } from "../../../domain/stages/stages.endpoints";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { attachment } from "../../shared/http-files";
import { route } from "../../shared/route";
import { type BoardsSource, closeStage, confirmQualifiers, loadSnapshot, stageOf, stageResult } from "./stages.service";

export type StagesOptions = {
  /** Per stage id, the ranking its close freezes (Stage 1: the live participation ranking). */
  rankings: Readonly<Record<string, BoardsSource>>;
};

const stagesRoutes: FastifyPluginAsyncZod<StagesOptions> = async (app, opts) => {
  route(app, S.result, async (req) => {
    requireUser(req);
    return stageResult(app.ctx, req.params.stageId);
  });

  route(app, S.close, async (req) => closeStage(app.ctx, requireRole(req, "organizer"), req.params.stageId, opts.rankings[req.params.stageId]));

  route(app, S.confirmQualifiers, async (req) => {
    const result = await confirmQualifiers(app.ctx, requireRole(req, "organizer"), req.params.stageId, req.body);
    // Features that build on the decision act now (entries: invitations). The decision is recorded
    // either way, so a failing hook is logged rather than reported; the entries job retries it.
    for (const hook of app.ctx.hooks.qualifiersConfirmed)
      await hook(app.ctx, result.stageId, app.ctx.clock.now()).catch((err: unknown) => req.log.error({ err }, "qualifiersConfirmed hook failed"));
    return result;
  });

  route(app, S.snapshotCsv, async (req, reply) => {
    const { stage, number } = stageOf(app.ctx.pack, req.params.stageId);
    const snapshot = await loadSnapshot(app.ctx, stage.id);
    if (!snapshot) throw new AppError(404, "SNAPSHOT_MISSING", `Stage ${number} has not been closed yet`);
    return reply
      .type("text/csv; charset=utf-8")
      .header("x-content-sha256", snapshot.sha256)
      .header("content-disposition", attachment(`xep-hang-giai-doan-${number}.csv`, `Xếp hạng Giai đoạn ${number}.csv`))
      .send(Buffer.from(snapshot.csv, "utf8"));
  });
};

export default stagesRoutes;
