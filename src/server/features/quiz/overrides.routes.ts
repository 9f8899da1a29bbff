import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  ExtraTimeRequestSchema,
  FocusEventsResponseSchema,
  MyOverridesResponseSchema,
  OverrideAttemptParamsSchema,
  OverridePersonParamsSchema,
  OverrideResponseSchema,
  ReasonRequestSchema,
  ReopenRequestSchema,
} from "../../../domain/quiz/overrides.schema";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { errorResponses } from "../../shared/error-responses";
import { findUserById } from "../auth";
import { addTime, focusEventsOf, grantExtraAttempt, myOverrides, reopenAttempt, voidAttempt } from "./overrides.service";

const tags = ["quiz"];
const security = [{ bearer: [] }];
const overrideSchema = (summary: string) => ({ tags, summary, security, params: OverrideAttemptParamsSchema, response: { 200: OverrideResponseSchema, ...errorResponses } });

/** Organisers' overrides of one person's test, the advisory focus log, and the person's own notices. */
const overridesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/quiz/overrides/attempts/:id/time",
    { schema: { ...overrideSchema("Add time to an active attempt (organisers; reason required; audited)"), body: ExtraTimeRequestSchema } },
    async (req) => addTime(app.ctx, requireRole(req, "organizer"), req.params.id, req.body.minutes, req.body.reason),
  );
  app.post(
    "/api/quiz/overrides/attempts/:id/reopen",
    { schema: { ...overrideSchema("Reopen an attempt that expired through a proven outage, with a new due time (organisers; audited)"), body: ReopenRequestSchema } },
    async (req) => reopenAttempt(app.ctx, requireRole(req, "organizer"), req.params.id, req.body.minutes, req.body.reason),
  );
  app.post(
    "/api/quiz/overrides/attempts/:id/void",
    { schema: { ...overrideSchema("Void an attempt (cheating confirmed): it counts nowhere (organisers; audited)"), body: ReasonRequestSchema } },
    async (req) => voidAttempt(app.ctx, requireRole(req, "organizer"), req.params.id, req.body.reason),
  );
  app.post(
    "/api/quiz/overrides/people/:userId/extra-attempt",
    {
      schema: { tags, summary: "Grant one extra attempt (organisers; audited)", security, params: OverridePersonParamsSchema, body: ReasonRequestSchema, response: { 200: OverrideResponseSchema, ...errorResponses } },
    },
    async (req) => {
      const actor = requireRole(req, "organizer");
      const target = await findUserById(app.ctx.db, req.params.userId);
      if (!target) throw new AppError(404, "PERSON_NOT_FOUND", "No such person");
      return grantExtraAttempt(app.ctx, actor, target, req.body.reason);
    },
  );
  app.get(
    "/api/quiz/overrides/attempts/:id/focus-events",
    {
      schema: { tags, summary: "The attempt's AppPaused/AppResumed log (organisers; advisory only)", security, params: OverrideAttemptParamsSchema, response: { 200: FocusEventsResponseSchema, ...errorResponses } },
    },
    async (req, reply) => {
      requireRole(req, "organizer");
      reply.header("cache-control", "no-store");
      return focusEventsOf(app.ctx, req.params.id);
    },
  );
  app.get(
    "/api/quiz/notices",
    { schema: { tags, summary: "What organisers changed about my test, and why", security, response: { 200: MyOverridesResponseSchema, ...errorResponses } } },
    async (req) => ({ notices: await myOverrides(app.ctx, requireUser(req).id) }),
  );
};

export default overridesRoutes;
