import { ApiErrorSchema } from "../shared/errors";
import { defineEndpoint } from "../shared/endpoint";
import {
  ClaimDecisionRequestSchema,
  ClaimParamsSchema,
  ClaimResponseSchema,
  ClaimsResponseSchema,
  CreateClaimRequestSchema,
  DashboardResponseSchema,
  MyStatusResponseSchema,
  RosterImportQuerySchema,
  RosterImportResponseSchema,
  UnitMembersResponseSchema,
  UnitParamsSchema,
} from "./roster.schema";
import { UnitsQuerySchema, UnitsResponseSchema } from "./unit.schema";

const tags = ["units"];

/** Units, their rosters, claims to join them and their dashboards. */
export const unitsEndpoints = {
  units: defineEndpoint({
    method: "GET",
    path: "/api/units",
    tags,
    summary: "The contest's units: communes/wards/special zones and departments",
    auth: "none",
    query: UnitsQuerySchema,
    responses: { 200: UnitsResponseSchema },
  }),
  dashboard: defineEndpoint({
    method: "GET",
    path: "/api/units/:code/dashboard",
    tags,
    summary: "A unit's live counts, participation against its roster, chart by sub-unit and chase list (its lead or organisers)",
    auth: "bearer",
    params: UnitParamsSchema,
    responses: { 200: DashboardResponseSchema },
  }),
  importRoster: defineEndpoint({
    method: "POST",
    path: "/api/units/:code/roster",
    tags,
    summary: "Import the unit's staff list (multipart field `file`: .xlsx or .csv); ?replace=1 removes people not in the file",
    auth: "bearer",
    multipart: true,
    params: UnitParamsSchema,
    query: RosterImportQuerySchema,
    responses: { 200: RosterImportResponseSchema, 413: ApiErrorSchema },
  }),
  members: defineEndpoint({
    method: "GET",
    path: "/api/units/:code/members",
    tags,
    summary: "Accounts that chose this unit, with their role and whether they are on its roster",
    auth: "bearer",
    params: UnitParamsSchema,
    responses: { 200: UnitMembersResponseSchema },
  }),
  createClaim: defineEndpoint({
    method: "POST",
    path: "/api/units/:code/claims",
    tags,
    summary: "Ask to join a unit's roster (for people not on any list); replaces my pending claim",
    auth: "bearer",
    params: UnitParamsSchema,
    body: CreateClaimRequestSchema,
    responses: { 200: ClaimResponseSchema },
  }),
  claims: defineEndpoint({
    method: "GET",
    path: "/api/units/:code/claims",
    tags,
    summary: "Pending claims to join this unit",
    auth: "bearer",
    params: UnitParamsSchema,
    responses: { 200: ClaimsResponseSchema },
  }),
  decideClaim: defineEndpoint({
    method: "POST",
    path: "/api/units/:code/claims/:id/decision",
    tags,
    summary: "Approve (adds the person to the roster) or reject a claim",
    auth: "bearer",
    params: ClaimParamsSchema,
    body: ClaimDecisionRequestSchema,
    responses: { 200: ClaimResponseSchema },
  }),
  myStatus: defineEndpoint({
    method: "GET",
    path: "/api/me/unit-status",
    tags,
    summary: "My own progress, whether my unit's roster knows me, and my claim",
    auth: "bearer",
    responses: { 200: MyStatusResponseSchema },
  }),
};
