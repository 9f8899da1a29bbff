/**
 * The participation feature's entry point: the only module other features import from it.
 * It owns participation_summary / participation_dirty / participation_meta and their triggers on
 * lesson_progress and quiz_attempts (created by the frozen 2026-11-22-0004-units migration as
 * units_dirty_*; owned here since ADR 0006). The rule of "finished" is domain/contest/participation.
 */
export { officialHeadcountOf, participationScope, progressOf, setOfficialHeadcount, unitTotals, type ProgressFilter } from "./participation.service";
export { createParticipationCache, type ParticipationCache, type PersonFacts, type UnitAggregate } from "./participation.repository";
export type { ParticipationDirtyTable, ParticipationMetaTable, ParticipationSummaryTable, UnitHeadcountsTable } from "./participation.table";
