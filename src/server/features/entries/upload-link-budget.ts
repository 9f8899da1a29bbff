import type { FastifyInstance } from "fastify";
import { entriesEndpoints as E } from "../../../domain/entries/entries.endpoints";
import { TokenParamsSchema } from "../../../domain/entries/entries.schema";
import { uploadTokenOwner } from "./entries.repository";

/**
 * An upload link is anonymous (the single-use token is the credential), so it used to spend its IP's
 * budget: a unit's contributors behind one office NAT blocked each other. A live token names the
 * person who asked for it; the upload spends that person's upload budget instead (the rate-limit
 * preHandler reads `rateLimitSubject`, so this runs before it). A forged or spent token stays per IP.
 */
export function chargeUploadLinksToOwner(app: FastifyInstance): void {
  app.addHook("preValidation", async (req) => {
    if (req.routeOptions.url !== E.uploadWithToken.path) return;
    const params = TokenParamsSchema.safeParse(req.params);
    if (!params.success) return;
    const owner = await uploadTokenOwner(app.ctx.db, params.data.token, app.ctx.clock.now());
    if (owner) req.rateLimitSubject = `user:${owner}`;
  });
}
