import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ENTRIES_API as P } from "../../../domain/entries/entries.endpoints";
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
  app.get(P.overview, { schema: { tags, summary: "Round page: every eligible unit's status, completeness, last activity, team (organisers)", security, params: S.RoundParamsSchema, response: { 200: S.RoundOverviewResponseSchema, ...errors } } }, async (req) => {
    requireRole(req, "organizer");
    return roundOverview(ctx, req.params.round);
  });

  app.post(P.invitations, { schema: { tags, summary: "Send the invitations now (idempotent; the job does it when qualifiers are confirmed)", security, params: S.RoundParamsSchema, response: { 200: S.InvitationsResponseSchema, ...errors } } }, async (req) => {
    requireRole(req, "organizer");
    return sendInvitations(ctx, roundOf(ctx, req.params.round));
  });

  app.post(P.remind, { schema: { tags, summary: "Remind the units that have not submitted (leads and team; once a day; reminder limits)", security, params: S.RoundParamsSchema, response: { 200: S.InvitationsResponseSchema, ...errors } } }, async (req) =>
    remindUnsubmitted(ctx, roundOf(ctx, req.params.round), requireRole(req, "organizer").id),
  );

  app.post(P.deadline, { schema: { tags, summary: "Extend one unit's deadline, with a reason (audited)", security, params: S.RoundParamsSchema, body: S.ExtendDeadlineRequestSchema, response: { 200: S.ExtendDeadlineResponseSchema, ...errors } } }, async (req) =>
    extendDeadline(ctx, requireRole(req, "organizer"), req.params.round, req.body.unit, req.body.until, req.body.reason),
  );

  app.get(P.exportZip, { schema: { tags, summary: "Submitted entries as a ZIP: a folder per unit with its files and a summary PDF, plus the index (organisers)", params: S.RoundParamsSchema, querystring: S.ExportQuerySchema, response: { 200: Binary, ...errors } } }, async (req, reply) => {
    const user = await downloader(ctx, req, req.query.token);
    if (user.role !== "organizer") throw new AppError(403, "FORBIDDEN", "Organisers only");
    const round = roundOf(ctx, req.params.round);
    const name = req.query.unit ? `${round.id}-${req.query.unit}` : round.id;
    reply.type("application/zip").header("content-disposition", `attachment; filename="ho-so-${name}.zip"`);
    return reply.send(await exportZip(ctx, round, req.query.unit));
  });

  app.get(P.indexXlsx, { schema: { tags, summary: "XLSX index of the round (organisers)", params: S.RoundParamsSchema, querystring: S.DownloadQuerySchema, response: { 200: Binary, ...errors } } }, async (req, reply) => {
    const user = await downloader(ctx, req, req.query.token);
    if (user.role !== "organizer") throw new AppError(403, "FORBIDDEN", "Organisers only");
    const round = roundOf(ctx, req.params.round);
    return reply
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="danh-sach-${round.id}.xlsx"`)
      .send(await indexXlsx(ctx, round));
  });

  app.post(P.demoQualify, { schema: { tags, summary: "Demo sign-in only: let my unit into this round (one tap for newcomers)", security, params: S.RoundParamsSchema, response: { 200: S.InvitationsResponseSchema, ...errors } } }, async (req) => {
    const round = roundOf(ctx, req.params.round);
    await demoQualify(ctx, requireUser(req), round);
    return sendInvitations(ctx, round);
  });

  app.post(P.downloadLink, { schema: { tags, summary: "A 5-minute signed link to one of this feature's downloads", security, body: S.DownloadLinkRequestSchema, response: { 200: S.DownloadLinkResponseSchema, ...errors } } }, async (req) => {
    const user = requireUser(req);
    const path = req.body.path;
    if (!/^\/api\/entries\/[a-z0-9-]+\/(export\.zip|index\.xlsx|units\/[A-Za-z0-9_-]+\/receipt\.pdf)$/.test(path)) throw new AppError(400, "VALIDATION_FAILED", "Not a downloadable path");
    const { token, expiresAt } = issueDownload(ctx.env.SESSION_SECRET, user.id, path, ctx.clock.now());
    return { url: `${path}?token=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() };
  });
};

export default entriesOrganiserRoutes;
