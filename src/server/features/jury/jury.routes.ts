import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { juryEndpoints as J } from "../../../domain/jury/jury.endpoints";
import {
  AppointRequestSchema,
  BlindFileParamsSchema,
  CloseRoundRequestSchema,
  ConfirmFinalistsRequestSchema,
  ConflictsFileParamsSchema,
  ConflictsLinkRequestSchema,
  ConflictsResponseSchema,
  DeclarationRequestSchema,
  DemoFillSheetsResponseSchema,
  DeclarationViewSchema,
  JudgeParamsSchema,
  JudgeSheetsResponseSchema,
  JudgesResponseSchema,
  OkResponseSchema,
  OrganizerConflictRequestSchema,
  PeopleQuerySchema,
  PeopleResponseSchema,
  RevokeRequestSchema,
  RoundParamsSchema,
  RoundResultsResponseSchema,
  SheetParamsSchema,
  SheetSaveRequestSchema,
  SheetSaveResponseSchema,
  SheetsOverviewResponseSchema,
  UnlockRequestSchema,
} from "../../../domain/jury/jury.schema";
import { DownloadLinkResponseSchema, DownloadQuerySchema } from "../../../domain/ranking/ranking.schema";
import { endpointUrl } from "../../../domain/shared/endpoint";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { errorResponses } from "../../shared/error-responses";
import { attachment } from "../../shared/http-files";
import { issueSignedLink } from "../../shared/signed-link";
import { assertJudgeMayOpen, JURY_LINK, linkOrBearer, openJudgeFile } from "./blind-files";
import { addConflict, appointJudge, conflictsCsv, conflictsXlsx, declarationView, declareConflicts, judgesProgress, listConflicts, revokeJudge } from "./judges.service";
import { demoFillSheets } from "./jury-demo";
import { displayName, searchPeople } from "./jury.repository";
import { closeRound, confirmFinalists, revealNames, round1CsvFile, roundResultsView } from "./results.service";
import { judgeSheets, saveSheet, sheetsOverview, unlockSheet } from "./sheets.service";

const FileSchema = z.instanceof(Buffer).describe("binary file");
/** A streamed file (the blind copies can be large videos; never held in memory). */
const StreamSchema = z.any().describe("binary file");
const Ok = OkResponseSchema;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const tags = ["jury"];
const bearer = [{ bearer: [] }];

/** Appointments, conflicts of interest, blind score sheets and round-1 results. */
const juryRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get("/api/jury/people", { schema: { tags, summary: "Search people to appoint as judges (organisers)", security: bearer, querystring: PeopleQuerySchema, response: { 200: PeopleResponseSchema, ...errorResponses } } }, async (req) => {
    requireRole(req, "organizer");
    const rows = await searchPeople(ctx.db, req.query.q);
    return { people: rows.map((r) => ({ userId: r.id, name: displayName(r), unitCode: r.unitCode, role: r.role })) };
  });

  app.get("/api/jury/rounds/:roundId/judges", { schema: { tags, summary: "Judges of a round with their progress (organisers)", security: bearer, params: RoundParamsSchema, response: { 200: JudgesResponseSchema, ...errorResponses } } }, async (req) => {
    requireRole(req, "organizer");
    return { roundId: req.params.roundId, judges: await judgesProgress(ctx, req.params.roundId) };
  });

  app.post("/api/jury/rounds/:roundId/judges", { schema: { tags, summary: "Appoint a judge (audited)", security: bearer, params: RoundParamsSchema, body: AppointRequestSchema, response: { 200: Ok, ...errorResponses } } }, async (req) => {
    await appointJudge(ctx, requireRole(req, "organizer"), req.params.roundId, req.body.userId);
    return { ok: true as const };
  });

  app.post("/api/jury/rounds/:roundId/judges/:userId/revoke", { schema: { tags, summary: "Revoke a judge with a reason (audited)", security: bearer, params: JudgeParamsSchema, body: RevokeRequestSchema, response: { 200: Ok, ...errorResponses } } }, async (req) => {
    await revokeJudge(ctx, requireRole(req, "organizer"), req.params.roundId, req.params.userId, req.body.reason);
    return { ok: true as const };
  });

  app.get("/api/jury/rounds/:roundId/declaration", { schema: { tags, summary: "The judge's conflict declaration against the qualified units", security: bearer, params: RoundParamsSchema, response: { 200: DeclarationViewSchema, ...errorResponses } } }, async (req) =>
    declarationView(ctx, requireUser(req), req.params.roundId),
  );

  app.post("/api/jury/rounds/:roundId/declaration", { schema: { tags, summary: "Declare conflicts before seeing any entry (audited)", security: bearer, params: RoundParamsSchema, body: DeclarationRequestSchema, response: { 200: DeclarationViewSchema, ...errorResponses } } }, async (req) =>
    declareConflicts(ctx, requireUser(req), req.params.roundId, req.body),
  );

  app.get("/api/jury/rounds/:roundId/conflicts", { schema: { tags, summary: "Every conflict of the round (organisers)", security: bearer, params: RoundParamsSchema, response: { 200: ConflictsResponseSchema, ...errorResponses } } }, async (req) => {
    requireRole(req, "organizer");
    return { conflicts: await listConflicts(ctx, req.params.roundId) };
  });

  app.post("/api/jury/rounds/:roundId/conflicts", { schema: { tags, summary: "Add a conflict with a reason (organisers, audited)", security: bearer, params: RoundParamsSchema, body: OrganizerConflictRequestSchema, response: { 200: Ok, ...errorResponses } } }, async (req) => {
    await addConflict(ctx, requireRole(req, "organizer"), req.params.roundId, req.body);
    return { ok: true as const };
  });

  app.get(
    "/api/jury/rounds/:roundId/conflicts.:format",
    { schema: { tags, summary: J.conflictsFile.summary, security: bearer, params: ConflictsFileParamsSchema, querystring: DownloadQuerySchema, response: { 200: FileSchema, ...errorResponses } } },
    async (req, reply) => {
      const user = await linkOrBearer(ctx, req, endpointUrl(J.conflictsFile, { params: req.params }), req.query.token);
      if (user.role !== "organizer") throw new AppError(403, "FORBIDDEN", "Needs role organizer");
      const { roundId, format } = req.params;
      const name = `xung-dot-loi-ich-${roundId}.${format}`;
      reply.header("cache-control", "no-store");
      if (format === "csv") return reply.type("text/csv; charset=utf-8").header("content-disposition", attachment(name, name)).send(Buffer.from(await conflictsCsv(ctx, roundId), "utf8"));
      return reply.type(XLSX).header("content-disposition", attachment(name, name)).send(await conflictsXlsx(ctx, roundId));
    },
  );

  app.post(J.conflictsLink.path, { schema: { tags, summary: J.conflictsLink.summary, security: bearer, params: RoundParamsSchema, body: ConflictsLinkRequestSchema, response: { 200: DownloadLinkResponseSchema, ...errorResponses } } }, async (req) => {
    const user = requireRole(req, "organizer");
    return issueSignedLink(ctx.env.SESSION_SECRET, JURY_LINK, user.id, endpointUrl(J.conflictsFile, { params: { roundId: req.params.roundId, format: req.body.format } }), ctx.clock.now());
  });

  // Judges open the blind copies of entries they are not conflicted with (streamed; named by entry code).
  app.get(J.blindFile.path, { schema: { tags, summary: J.blindFile.summary, security: bearer, params: BlindFileParamsSchema, querystring: DownloadQuerySchema, response: { 200: StreamSchema, ...errorResponses } } }, async (req, reply) => {
    const user = await linkOrBearer(ctx, req, endpointUrl(J.blindFile, { params: req.params }), req.query.token);
    const { roundId, entryId, fileId } = req.params;
    const file = await openJudgeFile(ctx, user, roundId, entryId, fileId);
    reply.type(file.mime).header("cache-control", "no-store").header("content-disposition", attachment(file.name, file.name));
    if (file.size > 0) reply.header("content-length", file.size);
    return reply.send(file.stream);
  });

  app.post(J.blindFileLink.path, { schema: { tags, summary: J.blindFileLink.summary, security: bearer, params: BlindFileParamsSchema, response: { 200: DownloadLinkResponseSchema, ...errorResponses } } }, async (req) => {
    const user = requireUser(req);
    const { roundId, entryId, fileId } = req.params;
    await assertJudgeMayOpen(ctx, user, roundId, entryId, fileId);
    return issueSignedLink(ctx.env.SESSION_SECRET, JURY_LINK, user.id, endpointUrl(J.blindFile, { params: req.params }), ctx.clock.now());
  });

  app.get("/api/jury/rounds/:roundId/sheets", { schema: { tags, summary: "The judge's blind entries and own sheets", security: bearer, params: RoundParamsSchema, response: { 200: JudgeSheetsResponseSchema, ...errorResponses } } }, async (req) =>
    judgeSheets(ctx, requireUser(req), req.params.roundId),
  );

  app.put(
    "/api/jury/rounds/:roundId/sheets/:entryId",
    { schema: { tags, summary: "Save a draft or submit (submitting locks the sheet)", security: bearer, params: SheetParamsSchema, body: SheetSaveRequestSchema, response: { 200: SheetSaveResponseSchema, ...errorResponses } } },
    async (req) => saveSheet(ctx, requireUser(req), req.params.roundId, req.params.entryId, req.body),
  );

  app.post("/api/jury/rounds/:roundId/sheets/:entryId/unlock", { schema: { tags, summary: "Reopen one judge's submitted sheet with a reason (organisers, audited)", security: bearer, params: SheetParamsSchema, body: UnlockRequestSchema, response: { 200: Ok, ...errorResponses } } }, async (req) => {
    await unlockSheet(ctx, requireRole(req, "organizer"), req.params.roundId, req.params.entryId, req.body.judgeId, req.body.reason);
    return { ok: true as const };
  });

  app.get("/api/jury/rounds/:roundId/sheets-overview", { schema: { tags, summary: "Every expected sheet's status by judge and entry code (organisers)", security: bearer, params: RoundParamsSchema, response: { 200: SheetsOverviewResponseSchema, ...errorResponses } } }, async (req) => {
    requireRole(req, "organizer");
    return { sheets: await sheetsOverview(ctx, req.params.roundId) };
  });

  app.get("/api/jury/rounds/:roundId/results", { schema: { tags, summary: "Round results with the checks and disagreement flags (organisers)", security: bearer, params: RoundParamsSchema, response: { 200: RoundResultsResponseSchema, ...errorResponses } } }, async (req) => {
    requireRole(req, "organizer");
    return roundResultsView(ctx, req.params.roundId);
  });

  app.post("/api/jury/rounds/:roundId/close", { schema: { tags, summary: "Close scoring (a reason if sheets are missing; audited)", security: bearer, params: RoundParamsSchema, body: CloseRoundRequestSchema, response: { 200: RoundResultsResponseSchema, ...errorResponses } } }, async (req) => {
    await closeRound(ctx, requireRole(req, "organizer"), req.params.roundId, req.body.reason);
    return roundResultsView(ctx, req.params.roundId);
  });

  app.post("/api/jury/rounds/:roundId/reveal-names", { schema: { tags, summary: "Show unit names beside entry codes after closing (audited)", security: bearer, params: RoundParamsSchema, response: { 200: RoundResultsResponseSchema, ...errorResponses } } }, async (req) => {
    await revealNames(ctx, requireRole(req, "organizer"), req.params.roundId);
    return roundResultsView(ctx, req.params.roundId);
  });

  app.post("/api/jury/rounds/stage2/finalists", { schema: { tags, summary: "Confirm the finalists: frozen snapshot with the SHA-256 of its CSV (audited)", security: bearer, body: ConfirmFinalistsRequestSchema, response: { 200: RoundResultsResponseSchema, ...errorResponses } } }, async (req) =>
    confirmFinalists(ctx, requireRole(req, "organizer"), req.body.entryIds, req.body.reason),
  );

  app.get("/api/jury/rounds/stage2/finalists.csv", { schema: { tags, summary: "The frozen round-1 result (CSV; SHA-256 in x-content-sha256)", security: bearer, response: { 200: FileSchema, ...errorResponses } } }, async (req, reply) => {
    requireRole(req, "organizer");
    const s = await round1CsvFile(ctx);
    return reply.type("text/csv; charset=utf-8").header("x-content-sha256", s.sha256).header("content-disposition", attachment("ket-qua-vong-1.csv", "Kết quả vòng 1.csv")).send(Buffer.from(s.csv, "utf8"));
  });

  // Demo only: refused (403) without AUTH_DEV, like the entries' demo-qualify.
  app.post("/api/jury/rounds/:roundId/demo-fill", { schema: { tags, summary: "Demo only (AUTH_DEV, organisers): top up judges from the seeded city and fill unsubmitted sheets with plausible scores", security: bearer, params: RoundParamsSchema, response: { 200: DemoFillSheetsResponseSchema, ...errorResponses } } }, async (req) =>
    demoFillSheets(ctx, requireRole(req, "organizer"), req.params.roundId),
  );
};

export default juryRoutes;
