import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ClaimDecisionRequestSchema, ClaimParamsSchema, ClaimResponseSchema, ClaimsResponseSchema, CreateClaimRequestSchema, UnitParamsSchema } from "../../../domain/units/roster.schema";
import { requireUser } from "../../plugins/auth";
import { errorResponses } from "../../shared/error-responses";
import { assertCanManageUnit, findUnit } from "./access";
import { createClaim, decideClaim, pendingClaims } from "./claims.service";

/** "I work here but I am not on the list": asking, listing and deciding. */
const claimsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/units/:code/claims",
    {
      schema: {
        tags: ["units"],
        summary: "Ask to join a unit's roster (for people not on any list); replaces my pending claim",
        security: [{ bearer: [] }],
        params: UnitParamsSchema,
        body: CreateClaimRequestSchema,
        response: { 200: ClaimResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      findUnit(app.ctx, req.params.code);
      return { claim: await createClaim(app.ctx, user, req.params.code, req.body) };
    },
  );

  app.get(
    "/api/units/:code/claims",
    {
      schema: { tags: ["units"], summary: "Pending claims to join this unit", security: [{ bearer: [] }], params: UnitParamsSchema, response: { 200: ClaimsResponseSchema, ...errorResponses } },
    },
    async (req) => {
      assertCanManageUnit(requireUser(req), req.params.code);
      findUnit(app.ctx, req.params.code);
      return { claims: await pendingClaims(app.ctx.db, req.params.code) };
    },
  );

  app.post(
    "/api/units/:code/claims/:id/decision",
    {
      schema: {
        tags: ["units"],
        summary: "Approve (adds the person to the roster) or reject a claim",
        security: [{ bearer: [] }],
        params: ClaimParamsSchema,
        body: ClaimDecisionRequestSchema,
        response: { 200: ClaimResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      assertCanManageUnit(user, req.params.code);
      return { claim: await decideClaim(app.ctx, user, req.params.code, req.params.id, req.body.approve) };
    },
  );
};

export default claimsRoutes;
