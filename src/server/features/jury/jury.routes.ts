import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { juryEndpoints as J } from "../../../domain/jury/jury.endpoints";
import { endpointUrl } from "../../../domain/shared/endpoint";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { signedLinkUser } from "../../shared/download-link";
import { attachment, XLSX_TYPE } from "../../shared/http-files";
import { route } from "../../shared/route";
import { issueSignedLink } from "../../shared/signed-link";
import { assertJudgeMayOpen, JURY_LINK, openJudgeFile } from "./blind-files";
import { addConflict, appointJudge, conflictsCsv, conflictsXlsx, declarationView, declareConflicts, judgesProgress, listConflicts, revokeJudge } from "./judges.service";
import { demoFillSheets } from "./jury-demo";
import { displayName, searchPeople } from "./jury.repository";
import { closeRound, confirmFinalists, revealNames, round1CsvFile, roundResultsView } from "./results.service";
import { judgeSheets, saveSheet, sheetsOverview, unlockSheet } from "./sheets.service";

const ok = { ok: true as const };

/** Appointments, conflicts of interest, blind score sheets and round-1 results. */
const juryRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  route(app, J.people, async (req) => {
    requireRole(req, "organizer");
    const rows = await searchPeople(ctx.db, req.query.q);
    return { people: rows.map((r) => ({ userId: r.id, name: displayName(r), unitCode: r.unitCode, role: r.role })) };
  });

  route(app, J.judges, async (req) => {
    requireRole(req, "organizer");
    return { roundId: req.params.roundId, judges: await judgesProgress(ctx, req.params.roundId) };
  });

  route(app, J.appoint, async (req) => {
    await appointJudge(ctx, requireRole(req, "organizer"), req.params.roundId, req.body.userId);
    return ok;
  });

  route(app, J.revoke, async (req) => {
    await revokeJudge(ctx, requireRole(req, "organizer"), req.params.roundId, req.params.userId, req.body.reason);
    return ok;
  });

  route(app, J.declaration, async (req) => declarationView(ctx, requireUser(req), req.params.roundId));
  route(app, J.declare, async (req) => declareConflicts(ctx, requireUser(req), req.params.roundId, req.body));

  route(app, J.conflicts, async (req) => {
    requireRole(req, "organizer");
    return { conflicts: await listConflicts(ctx, req.params.roundId) };
  });

  route(app, J.addConflict, async (req) => {
    await addConflict(ctx, requireRole(req, "organizer"), req.params.roundId, req.body);
    return ok;
  });

  route(app, J.conflictsFile, async (req, reply) => {
    const user = await signedLinkUser(ctx, req, JURY_LINK, endpointUrl(J.conflictsFile, { params: req.params }), req.query.token);
    if (user.role !== "organizer") throw new AppError(403, "FORBIDDEN", "Needs role organizer");
    const { roundId, format } = req.params;
    const name = `xung-dot-loi-ich-${roundId}.${format}`;
    reply.header("cache-control", "no-store").header("content-disposition", attachment(name, name));
    if (format === "csv") return reply.type("text/csv; charset=utf-8").send(Buffer.from(await conflictsCsv(ctx, roundId), "utf8"));
    return reply.type(XLSX_TYPE).send(await conflictsXlsx(ctx, roundId));
  });

  route(app, J.conflictsLink, async (req) => {
    const user = requireRole(req, "organizer");
    return issueSignedLink(ctx.env.SESSION_SECRET, JURY_LINK, user.id, endpointUrl(J.conflictsFile, { params: { roundId: req.params.roundId, format: req.body.format } }), ctx.clock.now());
  });

  // Judges open the blind copies of entries they are not conflicted with (streamed; named by entry code).
  route(app, J.blindFile, async (req, reply) => {
    const user = await signedLinkUser(ctx, req, JURY_LINK, endpointUrl(J.blindFile, { params: req.params }), req.query.token);
    const { roundId, entryId, fileId } = req.params;
    const file = await openJudgeFile(ctx, user, roundId, entryId, fileId);
    reply.type(file.mime).header("cache-control", "no-store").header("content-disposition", attachment(file.name, file.name));
    if (file.size > 0) reply.header("content-length", file.size);
    return reply.send(file.stream);
  });

  route(app, J.blindFileLink, async (req) => {
    const user = requireUser(req);
    const { roundId, entryId, fileId } = req.params;
    await assertJudgeMayOpen(ctx, user, roundId, entryId, fileId);
    return issueSignedLink(ctx.env.SESSION_SECRET, JURY_LINK, user.id, endpointUrl(J.blindFile, { params: req.params }), ctx.clock.now());
  });

  route(app, J.sheets, async (req) => judgeSheets(ctx, requireUser(req), req.params.roundId));
  route(app, J.saveSheet, async (req) => saveSheet(ctx, requireUser(req), req.params.roundId, req.params.entryId, req.body));

  route(app, J.unlockSheet, async (req) => {
    await unlockSheet(ctx, requireRole(req, "organizer"), req.params.roundId, req.params.entryId, req.body.judgeId, req.body.reason);
    return ok;
  });

  route(app, J.sheetsOverview, async (req) => {
    requireRole(req, "organizer");
    return { sheets: await sheetsOverview(ctx, req.params.roundId) };
  });

  route(app, J.results, async (req) => {
    requireRole(req, "organizer");
    return roundResultsView(ctx, req.params.roundId);
  });

  route(app, J.closeRound, async (req) => {
    await closeRound(ctx, requireRole(req, "organizer"), req.params.roundId, req.body.reason);
    return roundResultsView(ctx, req.params.roundId);
  });

  route(app, J.revealNames, async (req) => {
    await revealNames(ctx, requireRole(req, "organizer"), req.params.roundId);
    return roundResultsView(ctx, req.params.roundId);
  });

  route(app, J.confirmFinalists, async (req) => confirmFinalists(ctx, requireRole(req, "organizer"), req.body.entryIds, req.body.reason));

  route(app, J.finalistsCsv, async (req, reply) => {
    requireRole(req, "organizer");
    const s = await round1CsvFile(ctx);
    return reply.type("text/csv; charset=utf-8").header("x-content-sha256", s.sha256).header("content-disposition", attachment("ket-qua-vong-1.csv", "Kết quả vòng 1.csv")).send(Buffer.from(s.csv, "utf8"));
  });

  // Demo only: refused (403) without AUTH_DEV, like the entries' demo-qualify.
  route(app, J.demoFillSheets, async (req) => demoFillSheets(ctx, requireRole(req, "organizer"), req.params.roundId));
};

export default juryRoutes;
