/** The ranking feature's entry point: the only module other features import from it. */
export { createRankingCache, currentBoards, formulaOf, invalidateLiveBoards, liveRankingSource, type Boards, type RankingCache } from "./ranking.service";
export { rankingPlugin } from "./ranking.plugin";
