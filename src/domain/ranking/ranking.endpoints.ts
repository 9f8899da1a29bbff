import { defineEndpoint } from "../shared/endpoint";
import { LeaderboardQuerySchema, LeaderboardResponseSchema } from "./ranking.schema";

export const rankingEndpoints = {
  leaderboard: defineEndpoint({
    method: "GET",
    path: "/api/leaderboard",
    tags: ["units"],
    summary: "A ranking board: participation of the roster, mean best score, composite by the pack's formula (the frozen snapshot once Stage 1 is closed)",
    auth: "bearer",
    query: LeaderboardQuerySchema,
    responses: { 200: LeaderboardResponseSchema },
  }),
};
