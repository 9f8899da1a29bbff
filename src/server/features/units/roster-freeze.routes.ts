import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { unitsEndpoints as U } from "../../../domain/units/units.endpoints";
import { requireRole } from "../../plugins/auth";
import { route } from "../../shared/route";
import { decideRosterChange, listPendingChanges, setHeadcount } from "./roster-freeze.service";

/** Organisers: the roster changes held after the freeze, their decisions, and units' official headcounts. */
const rosterFreezeRoutes: FastifyPluginAsyncZod = async (app) => {
  route(app, U.rosterChanges, async (req) => {
    requireRole(req, "organizer");
    return { changes: await listPendingChanges(app.ctx) };
  });
  route(app, U.decideRosterChange, async (req) => decideRosterChange(app.ctx, requireRole(req, "organizer"), req.params.id, req.body));
  route(app, U.setHeadcount, async (req) => setHeadcount(app.ctx, requireRole(req, "organizer"), req.params.code, req.body));
};

export default rosterFreezeRoutes;
