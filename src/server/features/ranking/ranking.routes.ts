import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { rankingEndpoints as R } from "../../../domain/ranking/ranking.endpoints";
import { requireUser } from "../../plugins/auth";
import { route } from "../../shared/route";
import { currentBoards, formulaOf } from "./ranking.service";

const rankingRoutes: FastifyPluginAsyncZod = async (app) => {
  route(app, R.leaderboard, async (req) => {
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
  });
};

export default rankingRoutes;
