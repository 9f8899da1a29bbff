import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { entriesEndpoints as E } from "../../../domain/entries/entries.endpoints";
import * as S from "../../../domain/entries/entries.schema";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { roundOf } from "./entries-access";
import { demoQualify } from "./entries-demo";
import { exportZip, indexXlsx } from "./entries-export";
import { Binary, downloader, errors, security, tags } from "./entries-http";
import { remindUnsubmitted, sendInvitations } from "./entries-inbox";
import { extendDeadline, roundOverview } from "./entries-organiser.service";
import { issueDownload } from "./entries-tokens";

/** Organisers' routes: the round page, invitations and reminders, deadlines, downloads; and signed download links. */
const entriesOrganiserRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(E.overview.path, { schema: { tags, summary: E.overview.summary, security, params: S.RoundParamsSchema, response: { 200: S.RoundOverviewResponseSchema, ...errors } } }, async (req) => {
    requireRole(req, "organizer");
    return roundOverview(ctx, req.params.round);
  });

  app.post(E.invitations.path, { schema: { tags, summary: E.invitations.summary, security, params: S.RoundParamsSchema, response: { 200: S.InvitationsResponseSchema, ...errors } } }, async (req) => {
    requireRole(req, "organizer");
    return sendInvitations(ctx, roundOf(ctx, req.params.round));
  });

  app.post(E.remind.path, { schema: { tags, summary: E.remind.summary, security, params: S.RoundParamsSchema, response: { 200: S.InvitationsResponseSchema, ...errors } } }, async (req) =>
    remindUnsubmitted(ctx, roundOf(ctx, req.params.round), requireRole(req, "organizer").id),
  );

  app.post(E.extendDeadline.path, { schema: { tags, summary: E.extendDeadline.summary, security, params: S.RoundParamsSchema, body: S.ExtendDeadlineRequestSchema, response: { 200: S.ExtendDeadlineResponseSchema, ...errors } } }, async (req) =>
    extendDeadline(ctx, requireRole(req, "organizer"), req.params.round, req.body.unit, req.body.until, req.body.reason),
  );

  app.get(E.exportZip.path, { schema: { tags, summary: E.exportZip.summary, security, params: S.RoundParamsSchema, querystring: S.ExportQuerySchema, response: { 200: Binary, ...errors } } }, async (req, reply) => {
    const user = await downloader(ctx, req, req.query.token);
    if (user.role !== "organizer") throw new AppError(403, "FORBIDDEN", "Organisers only");
    const round = roundOf(ctx, req.params.round);
    const name = req.query.unit ? `${round.id}-${req.query.unit}` : round.id;
    reply.type("application/zip").header("content-disposition", `attachment; filename="ho-so-${name}.zip"`);
    return reply.send(await exportZip(ctx, round, req.query.unit));
  });

  app.get(E.indexXlsx.path, { schema: { tags, summary: E.indexXlsx.summary, security, params: S.RoundParamsSchema, querystring: S.DownloadQuerySchema, response: { 200: Binary, ...errors } } }, async (req, reply) => {
    const user = await downloader(ctx, req, req.query.token);
    if (user.role !== "organizer") throw new AppError(403, "FORBIDDEN", "Organisers only");
    const round = roundOf(ctx, req.params.round);
    return reply
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="danh-sach-${round.id}.xlsx"`)
      .send(await indexXlsx(ctx, round));
  });

  app.post(E.demoQualify.path, { schema: { tags, summary: E.demoQualify.summary, security, params: S.RoundParamsSchema, response: { 200: S.InvitationsResponseSchema, ...errors } } }, async (req) => {
    const round = roundOf(ctx, req.params.round);
    await demoQualify(ctx, requireUser(req), round);
    return sendInvitations(ctx, round);
  });

  app.post(E.downloadLink.path, { schema: { tags, summary: E.downloadLink.summary, security, body: S.DownloadLinkRequestSchema, response: { 200: S.DownloadLinkResponseSchema, ...errors } } }, async (req) => {
    const user = requireUser(req);
    const path = req.body.path;
    if (!/^\/api\/entries\/[a-z0-9-]+\/(export\.zip|index\.xlsx|units\/[A-Za-z0-9_-]+\/receipt\.pdf)$/.test(path)) throw new AppError(400, "VALIDATION_FAILED", "Not a downloadable path");
    const { token, expiresAt } = issueDownload(ctx.env.SESSION_SECRET, user.id, path, ctx.clock.now());
    return { url: `${path}?token=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() };
  });
};

export default entriesOrganiserRoutes;
