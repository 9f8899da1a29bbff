import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { entriesEndpoints as E } from "../../../domain/entries/entries.endpoints";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { route } from "../../shared/route";
import { roundOf } from "./entries-access";
import { demoQualify } from "./entries-demo";
import { exportZip, indexXlsx } from "./entries-export";
import { downloader } from "./entries-http";
import { remindUnsubmitted, sendInvitations } from "./entries-inbox";
import { extendDeadline, roundOverview } from "./entries-organiser.service";
import { issueDownload } from "./entries-tokens";

/** Organisers' routes: the round page, invitations and reminders, deadlines, downloads; and signed download links. */
const entriesOrganiserRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  route(app, E.overview, async (req) => {
    requireRole(req, "organizer");
    return roundOverview(ctx, req.params.round);
  });

  route(app, E.invitations, async (req) => {
    requireRole(req, "organizer");
    return sendInvitations(ctx, roundOf(ctx, req.params.round));
  });

  route(app, E.remind, async (req) => remindUnsubmitted(ctx, roundOf(ctx, req.params.round), requireRole(req, "organizer").id));

  route(app, E.extendDeadline, async (req) =>
    extendDeadline(ctx, requireRole(req, "organizer"), req.params.round, req.body.unit, req.body.until, req.body.reason),
  );

  route(app, E.exportZip, async (req, reply) => {
    const user = await downloader(ctx, req, req.query.token);
    if (user.role !== "organizer") throw new AppError(403, "FORBIDDEN", "Organisers only");
    const round = roundOf(ctx, req.params.round);
    const name = req.query.unit ? `${round.id}-${req.query.unit}` : round.id;
    reply.type("application/zip").header("content-disposition", `attachment; filename="ho-so-${name}.zip"`);
    return reply.send(await exportZip(ctx, round, req.query.unit));
  });

  route(app, E.indexXlsx, async (req, reply) => {
    const user = await downloader(ctx, req, req.query.token);
    if (user.role !== "organizer") throw new AppError(403, "FORBIDDEN", "Organisers only");
    const round = roundOf(ctx, req.params.round);
    return reply
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="danh-sach-${round.id}.xlsx"`)
      .send(await indexXlsx(ctx, round));
  });

  route(app, E.demoQualify, async (req) => {
    const round = roundOf(ctx, req.params.round);
    await demoQualify(ctx, requireUser(req), round);
    return sendInvitations(ctx, round);
  });

  route(app, E.downloadLink, async (req) => {
    const user = requireUser(req);
    const path = req.body.path;
    if (!/^\/api\/entries\/[a-z0-9-]+\/(export\.zip|index\.xlsx|units\/[A-Za-z0-9_-]+\/receipt\.pdf)$/.test(path)) throw new AppError(400, "VALIDATION_FAILED", "Not a downloadable path");
    const { token, expiresAt } = issueDownload(ctx.env.SESSION_SECRET, user.id, path, ctx.clock.now());
    return { url: `${path}?token=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() };
  });
};

export default entriesOrganiserRoutes;
