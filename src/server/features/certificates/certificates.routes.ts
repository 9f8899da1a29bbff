import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { certificatesEndpoints as C } from "../../../domain/certificates/certificates.endpoints";
import { endpointUrl } from "../../../domain/shared/endpoint";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { route } from "../../shared/route";
import { signedLinkUser } from "../../shared/download-link";
import { issueSignedLink } from "../../shared/signed-link";
import { assertCanDownload, findCertificate, myCertificates, participationCertificate, revokeCertificate, verifyPageHtml, verifyUrlOf } from "./certificates.service";

/** The purpose in the MAC of certificate links: they open certificate PDFs only. */
const LINK = "certificates";

const certificatesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const pdfPath = (id: string) => endpointUrl(C.pdf, { params: { id } });

  /** The bearer session, or a 5-minute link signed for this PDF (Zalo's downloader sends no header). */
  const linkOrBearer = (req: FastifyRequest, path: string, token: string | undefined) => signedLinkUser(ctx, req, LINK, path, token);

  const view = (c: { id: string; kind: string; issuedAt: string; revokedAt: string | null; revokeReason: string | null; pdfSha256: string }) => ({
    id: c.id,
    kind: c.kind as "award" | "participation",
    issuedAt: c.issuedAt,
    revokedAt: c.revokedAt,
    revokeReason: c.revokeReason,
    sha256: c.pdfSha256,
    verifyUrl: verifyUrlOf(ctx, c.id),
    pdfPath: pdfPath(c.id),
  });

  route(app, C.mine, async (req) => ({ certificates: (await myCertificates(ctx, requireUser(req))).map(view) }));

  route(app, C.participation, async (req) => view(await participationCertificate(ctx, requireUser(req))));

  route(app, C.pdf, async (req, reply) => {
    const user = await linkOrBearer(req, pdfPath(req.params.id), req.query.token);
    const c = await findCertificate(ctx, req.params.id);
    if (!c) throw new AppError(404, "NOT_FOUND", "No such certificate");
    assertCanDownload(user, c);
    return reply
      .type("application/pdf")
      .header("cache-control", "no-store")
      .header("x-content-sha256", c.pdfSha256)
      .header("content-disposition", `attachment; filename="giay-chung-nhan-${c.id}.pdf"`)
      .send(Buffer.from(c.pdfBase64, "base64"));
  });

  route(app, C.pdfLink, async (req) => {
    const user = requireUser(req);
    const c = await findCertificate(ctx, req.params.id);
    if (!c) throw new AppError(404, "NOT_FOUND", "No such certificate");
    assertCanDownload(user, c);
    return issueSignedLink(ctx.env.SESSION_SECRET, LINK, user.id, pdfPath(c.id), ctx.clock.now());
  });

  route(app, C.revoke, async (req) => {
    await revokeCertificate(ctx, requireRole(req, "organizer"), req.params.id, req.body.reason);
    const c = await findCertificate(ctx, req.params.id);
    return view(c!);
  });

  /** Public, outside Zalo: the QR code's target. */
  app.get("/v/:id", { schema: { hide: true, params: z.object({ id: z.string().max(100) }) } }, async (req, reply) => {
    const c = /^[A-Za-z0-9_-]{16,64}$/.test(req.params.id) ? await findCertificate(ctx, req.params.id) : undefined;
    const page = verifyPageHtml(c, req.params.id);
    return reply.code(page.status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(page.html);
  });
};

export default certificatesRoutes;
