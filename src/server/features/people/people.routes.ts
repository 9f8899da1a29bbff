import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { MergeRequestSchema, MergeResponseSchema, PeopleSearchQuerySchema, PeopleSearchResponseSchema, PersonDetailSchema, PersonParamsSchema, SetRoleRequestSchema } from "../../../domain/people/people.schema";
import { requireRole } from "../../plugins/auth";
import { errorResponses } from "../../shared/error-responses";
import { mergePeople, personDetail, searchPeople, setRole } from "./people.service";

const tags = ["people"];
const security = [{ bearer: [] }];

/** Organisers' people console (unit leads may only set a colleague's lead role in their own unit). */
const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/people",
    { schema: { tags, summary: "Search people by name, phone or unit (organisers)", security, querystring: PeopleSearchQuerySchema, response: { 200: PeopleSearchResponseSchema, ...errorResponses } } },
    async (req, reply) => {
      requireRole(req, "organizer");
      reply.header("cache-control", "no-store");
      return searchPeople(app.ctx, req.query);
    },
  );
  app.get(
    "/api/people/:id",
    { schema: { tags, summary: "A person: progress, attempts and overrides, roster row, role, sessions (organisers)", security, params: PersonParamsSchema, response: { 200: PersonDetailSchema, ...errorResponses } } },
    async (req, reply) => {
      requireRole(req, "organizer");
      reply.header("cache-control", "no-store");
      return personDetail(app.ctx, req.params.id);
    },
  );
  app.post(
    "/api/people/:id/role",
    {
      schema: {
        tags,
        summary: "Grant or revoke a role with a reason (organisers; organiser only by another organiser; audited)",
        security,
        params: PersonParamsSchema,
        body: SetRoleRequestSchema,
        response: { 200: PersonDetailSchema, ...errorResponses },
      },
    },
    async (req) => setRole(app.ctx, requireRole(req, "organizer", "unit_lead"), req.params.id, req.body),
  );
  app.post(
    "/api/people/merge",
    { schema: { tags, summary: "Merge two accounts of one person into the kept one, with a reason (organisers; audited)", security, body: MergeRequestSchema, response: { 200: MergeResponseSchema, ...errorResponses } } },
    async (req) => mergePeople(app.ctx, requireRole(req, "organizer"), req.body),
  );
};

export default peopleRoutes;
