import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { unitsEndpoints as U } from "../../../domain/units/units.endpoints";
import { requireUser } from "../../plugins/auth";
import { route } from "../../shared/route";
import { assertCanManageUnit, findUnit } from "./access";
import { createClaim, decideClaim, pendingClaims } from "./claims.service";

/** "I work here but I am not on the list": asking, listing and deciding. */
const claimsRoutes: FastifyPluginAsyncZod = async (app) => {
  route(app, U.createClaim, async (req) => {
    const user = requireUser(req);
    findUnit(app.ctx, req.params.code);
    return { claim: await createClaim(app.ctx, user, req.params.code, req.body) };
  });

  route(app, U.claims, async (req) => {
    assertCanManageUnit(requireUser(req), req.params.code);
    findUnit(app.ctx, req.params.code);
    return { claims: await pendingClaims(app.ctx.db, req.params.code) };
  });

  route(app, U.decideClaim, async (req) => {
    const user = requireUser(req);
    assertCanManageUnit(user, req.params.code);
    return { claim: await decideClaim(app.ctx, user, req.params.code, req.params.id, req.body.approve) };
  });
};

export default claimsRoutes;
