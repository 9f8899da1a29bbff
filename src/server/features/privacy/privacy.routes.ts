import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { privacyEndpoints as E } from "../../../domain/privacy/privacy.endpoints";
import { vnParts } from "../../../domain/shared/time";
import { requireRole, requireUser } from "../../plugins/auth";
import { downloadTokenUser } from "../../shared/download-link";
import { issueDownloadToken } from "../../shared/download-token";
import { route } from "../../shared/route";
import { collectPersonalData, personalDataXlsx } from "./personal-data.export";
import { createRequest, decideRequest, myRequests, privacyNotice, privacySettings, updatePrivacySettings } from "./privacy.service";
import { listRequests } from "./privacy.repository";
import { retentionReport, runRetention } from "./retention.service";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const stamp = (at: Date) => {
  const p = vnParts(at);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
};

/** Personal data: the notice, "Dữ liệu của tôi", requests and their handling, retention, report minimisation. */
const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Bearer session, or a short-lived signed link for this exact file (Zalo's downloader cannot send headers). */
  const downloader = (req: FastifyRequest, path: string, token: string | undefined) => downloadTokenUser(app.ctx, req, path, token);

  route(app, E.notice, async () => privacyNotice(app.ctx));

  route(app, E.myData, async (req, reply) => {
    const user = requireUser(req);
    reply.header("cache-control", "no-store");
    const data = await collectPersonalData(app.ctx.db, user.id, app.ctx.clock.now());
    return { data, requests: await myRequests(app.ctx, user.id), responseDays: app.ctx.pack.privacy.responseDays };
  });

  route(app, E.exportJson, async (req, reply) => {
    const user = await downloader(req, E.exportJson.path, req.query.token);
    const now = app.ctx.clock.now();
    const data = await collectPersonalData(app.ctx.db, user.id, now);
    return reply
      .type("application/json; charset=utf-8")
      .header("cache-control", "no-store")
      .header("content-disposition", `attachment; filename="du-lieu-cua-toi-${stamp(now)}.json"`)
      .send(Buffer.from(JSON.stringify(data, null, 2), "utf8"));
  });

  route(app, E.exportXlsx, async (req, reply) => {
    const user = await downloader(req, E.exportXlsx.path, req.query.token);
    const now = app.ctx.clock.now();
    const file = await personalDataXlsx(await collectPersonalData(app.ctx.db, user.id, now), app.ctx.pack.organizer);
    return reply.type(XLSX_TYPE).header("cache-control", "no-store").header("content-disposition", `attachment; filename="du-lieu-cua-toi-${stamp(now)}.xlsx"`).send(file);
  });

  route(app, E.exportLink, async (req) => {
    const user = requireUser(req);
    const path = req.body.format === "json" ? E.exportJson.path : E.exportXlsx.path;
    const { token, expiresAt } = issueDownloadToken(app.ctx.env.SESSION_SECRET, user.id, path, app.ctx.clock.now());
    return { url: `${path}?token=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() };
  });

  route(app, E.createRequest, async (req) => ({ request: await createRequest(app.ctx, requireUser(req), req.body) }));

  route(app, E.requests, async (req, reply) => {
    requireRole(req, "organizer");
    reply.header("cache-control", "no-store");
    return { requests: await listRequests(app.ctx.db, { status: req.query.status }, app.ctx.clock.now()), responseDays: app.ctx.pack.privacy.responseDays };
  });

  route(app, E.decide, async (req) => ({ request: await decideRequest(app.ctx, requireRole(req, "organizer"), req.params.id, req.body) }));

  route(app, E.retentionReport, async (req) => {
    requireRole(req, "organizer");
    return retentionReport(app.ctx);
  });

  route(app, E.retentionRun, async (req) => runRetention(app.ctx, requireRole(req, "organizer").id));

  route(app, E.settings, async (req) => {
    requireRole(req, "organizer");
    return privacySettings(app.ctx.db);
  });

  route(app, E.updateSettings, async (req) => updatePrivacySettings(app.ctx, requireRole(req, "organizer"), req.body));
};

export default privacyRoutes;
