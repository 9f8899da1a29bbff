import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { LeaderboardQuerySchema, LeaderboardResponseSchema } from "../../../domain/ranking/ranking.schema";
import { requireUser } from "../../plugins/auth";
import { errorResponses } from "../../shared/error-responses";
import { currentBoards, formulaOf } from "./ranking.service";

const rankingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/leaderboard",
    {
      schema: {
        tags: ["units"],
        summary: "A ranking board: participation of the roster, mean best score, composite by the pack's formula (the frozen snapshot once Stage 1 is closed)",
        security: [{ bearer: [] }],
        querystring: LeaderboardQuerySchema,
        response: { 200: LeaderboardResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const current = await currentBoards(app.ctx);
      return {
        board: req.query.board,
        source: current.source,
        generatedAt: current.generatedAt,
        formula: formulaOf(app.ctx.pack),
        rows: current.boards[req.query.board],
        myUnitCode: user.unitCode,
        snapshot: current.snapshot,
      };
    },
  );
};

export default rankingRoutes;
