import { defineEndpoint } from "../shared/endpoint";
import { MergeRequestSchema, MergeResponseSchema, PeopleSearchQuerySchema, PeopleSearchResponseSchema, PersonDetailSchema, PersonParamsSchema, SetRoleRequestSchema } from "./people.schema";

const tags = ["people"];

export const peopleEndpoints = {
  search: defineEndpoint({
    method: "GET",
    path: "/api/people",
    tags,
    summary: "Search people by name, phone or unit (organisers)",
    auth: "bearer",
    query: PeopleSearchQuerySchema,
    responses: { 200: PeopleSearchResponseSchema },
  }),
  person: defineEndpoint({
    method: "GET",
    path: "/api/people/:id",
    tags,
    summary: "A person: progress, attempts and overrides, roster row, role, sessions (organisers)",
    auth: "bearer",
    params: PersonParamsSchema,
    responses: { 200: PersonDetailSchema },
  }),
  setRole: defineEndpoint({
    method: "POST",
    path: "/api/people/:id/role",
    tags,
    summary: "Grant or revoke a role with a reason (organisers; organiser only by another organiser; audited)",
    auth: "bearer",
    params: PersonParamsSchema,
    body: SetRoleRequestSchema,
    responses: { 200: PersonDetailSchema },
  }),
  merge: defineEndpoint({
    method: "POST",
    path: "/api/people/merge",
    tags,
    summary: "Merge two accounts of one person into the kept one, with a reason (organisers; audited)",
    auth: "bearer",
    body: MergeRequestSchema,
    responses: { 200: MergeResponseSchema },
  }),
};
