import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { quizOverridesEndpoints as O } from "../../../domain/quiz/overrides.endpoints";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { route } from "../../shared/route";
import { findUserById } from "../auth";
import { addTime, focusEventsOf, grantExtraAttempt, myOverrides, reopenAttempt, voidAttempt } from "./overrides.service";

/** Organisers' overrides of one person's test, the advisory focus log, and the person's own notices. */
const overridesRoutes: FastifyPluginAsyncZod = async (app) => {
  route(app, O.extraTime, async (req) => addTime(app.ctx, requireRole(req, "organizer"), req.params.id, req.body.minutes, req.body.reason));
  route(app, O.reopen, async (req) => reopenAttempt(app.ctx, requireRole(req, "organizer"), req.params.id, req.body.minutes, req.body.reason));
  route(app, O.void, async (req) => voidAttempt(app.ctx, requireRole(req, "organizer"), req.params.id, req.body.reason));
  route(app, O.extraAttempt, async (req) => {
    const actor = requireRole(req, "organizer");
    const target = await findUserById(app.ctx.db, req.params.userId);
    if (!target) throw new AppError(404, "PERSON_NOT_FOUND", "No such person");
    return grantExtraAttempt(app.ctx, actor, target, req.body.reason);
  });
  route(app, O.focusEvents, async (req) => {
    requireRole(req, "organizer");
    return focusEventsOf(app.ctx, req.params.id);
  });
  route(app, O.myNotices, async (req) => ({ notices: await myOverrides(app.ctx, requireUser(req).id) }));
};

export default overridesRoutes;
