/** The stages feature's entry point: the only module other features import from it. */
export { confirmedUnitCodes } from "./stages.repository";
export { createStagesCache, frozenBoardsOf, type Boards, type BoardsSource, type StagesCache } from "./stages.service";
export { stagesPlugin } from "./stages.plugin";
