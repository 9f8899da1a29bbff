import { z } from "zod";
import { defineEndpoint } from "../shared/endpoint";
import { ContestResponseSchema } from "./contest.schema";

const tags = ["contest"];

/** Liveness: whether the database answers, and which one is in use. */
export const HealthResponseSchema = z.object({ ok: z.boolean(), db: z.enum(["sqlite", "postgres"]) });

export const contestEndpoints = {
  health: defineEndpoint({
    method: "GET",
    path: "/api/health",
    tags,
    summary: "Liveness and which database is in use",
    auth: "none",
    responses: { 200: HealthResponseSchema, 503: HealthResponseSchema },
  }),
  contest: defineEndpoint({
    method: "GET",
    path: "/api/contest",
    tags,
    summary: "The contest: stages with windows, prizes, contacts and the server's clock",
    auth: "none",
    responses: { 200: ContestResponseSchema },
  }),
};
