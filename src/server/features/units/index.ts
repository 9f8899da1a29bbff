/** The units feature's entry point: the only module other features import from it. */
export { assertCanManageUnit, findUnit } from "./access";
export { bySubUnit, summarise, unitDashboard, unitPeopleView, type PersonView } from "./dashboard.service";
export { rosterMembership } from "./roster.repository";
export { syncUnits } from "./units.repository";
export { unitsHooks } from "./units.hooks";
export { unitsPlugin } from "./units.plugin";
export { mergeRosterAndClaims, rosterEntryOf } from "./merge";
