import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { peopleEndpoints as P } from "../../../domain/people/people.endpoints";
import { requireRole } from "../../plugins/auth";
import { route } from "../../shared/route";
import { mergePeople, personDetail, searchPeople, setRole } from "./people.service";

/** Organisers' people console (unit leads may only set a colleague's lead role in their own unit). */
const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  route(app, P.search, async (req, reply) => {
    requireRole(req, "organizer");
    reply.header("cache-control", "no-store");
    return searchPeople(app.ctx, req.query);
  });
  route(app, P.person, async (req, reply) => {
    requireRole(req, "organizer");
    reply.header("cache-control", "no-store");
    return personDetail(app.ctx, req.params.id);
  });
  route(app, P.setRole, async (req) => setRole(app.ctx, requireRole(req, "organizer", "unit_lead"), req.params.id, req.body));
  route(app, P.merge, async (req) => mergePeople(app.ctx, requireRole(req, "organizer"), req.body));
};

export default peopleRoutes;
