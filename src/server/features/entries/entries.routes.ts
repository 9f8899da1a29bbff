import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { entriesEndpoints as E } from "../../../domain/entries/entries.endpoints";
import { endpointUrl } from "../../../domain/shared/endpoint";
import { requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { route } from "../../shared/route";
import { canManageUnit } from "../../shared/unit-authz";
import { downloader } from "./entries-http";
import { findUserById } from "../auth";
import { accessEntry, assertWritable, deadlineOf, roundOf } from "./entries-access";
import { inviteFor } from "./entries-inbox";
import { createUploadToken, eligibleUnitCodes, findEntry, findEntryById, removeFile, spendUploadToken } from "./entries.repository";
import { DraftConflictError, entryView, joinByInvite, receiptOf, saveDraft, stateOf, submitEntry, withdrawEntry } from "./entries.service";
import type { EntryRow } from "./entries.table";
import { acceptUpload } from "./entry-uploads";
import { receiptPdf } from "./receipt-pdf";

const UPLOAD_TOKEN_TTL_MS = 10 * 60_000;

const entriesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  const sendConflict = (reply: FastifyReply, err: unknown) => {
    if (err instanceof DraftConflictError) return reply.code(409).send({ error: { code: err.code, message: err.message }, current: err.current });
    throw err;
  };

  route(app, E.rounds, async (req) => {
    const user = requireUser(req);
    const now = ctx.clock.now();
    const rounds = await Promise.all(
      ctx.pack.entries.rounds.map(async (round) => {
        if (!user.unitCode) return { round, myUnit: null };
        const eligible = (await eligibleUnitCodes(ctx.db, round.eligible.fromStage)).includes(user.unitCode);
        const e = eligible ? await findEntry(ctx.db, round.id, user.unitCode) : undefined;
        return { round, myUnit: { code: user.unitCode, eligible, status: stateOf(e, deadlineOf(round, e), now) } };
      }),
    );
    return { serverNow: now.toISOString(), demo: ctx.env.AUTH_DEV, rounds };
  });

  route(app, E.entry, async (req) => entryView(ctx, requireUser(req), req.params.round, req.params.unit));

  route(app, E.join, async (req) => joinByInvite(ctx, requireUser(req), req.params.round, req.params.unit, req.body.invite));

  route(app, E.saveDraft, async (req, reply) =>
    saveDraft(ctx, requireUser(req), req.params.round, req.params.unit, req.body.baseVersion, req.body.draft).catch((err) => sendConflict(reply, err)),
  );

  route(app, E.uploadFile, async (req) => {
    const user = requireUser(req);
    const { round, entry } = await accessEntry(ctx, user, req.params.round, req.params.unit, "write");
    return receiveFile(req, round.id, entry as EntryRow, user.id);
  });

  route(app, E.uploadToken, async (req) => {
    const user = requireUser(req);
    const { round, entry } = await accessEntry(ctx, user, req.params.round, req.params.unit, "write");
    assertWritable(ctx, round, entry);
    const expiresAt = new Date(ctx.clock.now().getTime() + UPLOAD_TOKEN_TTL_MS);
    const token = await createUploadToken(ctx.db, (entry as EntryRow).id, user.id, expiresAt);
    return { url: endpointUrl(E.uploadWithToken, { params: { token } }), expiresAt: expiresAt.toISOString() };
  });

  route(app, E.uploadWithToken, async (req) => {
    const spent = await spendUploadToken(ctx.db, req.params.token, ctx.clock.now());
    if (!spent) throw new AppError(401, "UPLOAD_TOKEN_INVALID", "Upload token unknown, used or expired");
    const entry = (await findEntryById(ctx.db, spent.entryId)) as EntryRow;
    const user = await findUserById(ctx.db, spent.userId);
    if (!user) throw new AppError(401, "UPLOAD_TOKEN_INVALID", "Upload token user is gone");
    await accessEntry(ctx, user, entry.roundId, entry.unitCode, "write");
    return receiveFile(req, entry.roundId, entry, user.id);
  });

  async function receiveFile(req: FastifyRequest, roundId: string, entry: EntryRow, userId: string) {
    const round = roundOf(ctx, roundId);
    assertWritable(ctx, round, entry);
    if (entry.status === "submitted") throw new AppError(409, "ENTRY_ALREADY_SUBMITTED", "Withdraw the submission before changing files");
    if (!req.isMultipart()) throw new AppError(400, "VALIDATION_FAILED", "Send the file as multipart/form-data", { file: "Vui lòng chọn một tệp." });
    const part = await req.file({ limits: { fileSize: round.attachments.maxFileBytes, files: 1, fields: 5 } }).catch(() => undefined);
    if (!part) throw new AppError(400, "VALIDATION_FAILED", "No file in the request", { file: "Vui lòng chọn một tệp." });
    return acceptUpload(ctx, round, entry, userId, part.file, part.filename, () => part.file.truncated);
  }

  route(app, E.removeFile, async (req) => {
    const { round, entry } = await accessEntry(ctx, requireUser(req), req.params.round, req.params.unit, "write");
    const e = entry as EntryRow;
    assertWritable(ctx, round, e);
    if (e.status === "submitted") throw new AppError(409, "ENTRY_ALREADY_SUBMITTED", "Withdraw the submission before changing files");
    const removed = await removeFile(ctx.db, e.id, req.params.fileId, ctx.clock.now());
    if (!removed) throw new AppError(404, "NOT_FOUND", "No such file");
    return { removed };
  });

  route(app, E.submit, async (req, reply) =>
    submitEntry(ctx, requireUser(req), req.params.round, req.params.unit, req.body.version)
      .then((receipt) => ({ receipt }))
      .catch((err) => sendConflict(reply, err)),
  );

  route(app, E.withdraw, async (req) => {
    await withdrawEntry(ctx, requireUser(req), req.params.round, req.params.unit);
    return { status: "withdrawn" as const };
  });

  route(app, E.receiptPdf, async (req, reply) => {
    const user = await downloader(ctx, req, req.query.token);
    const { round, unit, entry } = await accessEntry(ctx, user, req.params.round, req.params.unit, "read");
    const receipt = entry ? await receiptOf(ctx, round, entry) : null;
    if (!entry || !receipt) throw new AppError(409, "ENTRY_NOT_SUBMITTED", "No submitted entry");
    const pdf = await receiptPdf(round, unit, entry, receipt);
    return reply.type("application/pdf").header("content-disposition", `attachment; filename="bien-nhan-${receipt.entryCode}.pdf"`).send(Buffer.from(pdf));
  });

  route(app, E.inviteLink, async (req) => {
    const user = requireUser(req);
    const { round, unit, entry } = await accessEntry(ctx, user, req.params.round, req.params.unit, "read");
    if (!canManageUnit(user, unit.code)) throw new AppError(403, "FORBIDDEN", "Only the unit's lead shares the invitation");
    const inv = inviteFor(ctx, round, unit.code, deadlineOf(round, entry));
    return { url: inv.deepLink, expiresAt: inv.expiresAt.toISOString() };
  });
};

export default entriesRoutes;
