/** The units feature's entry point: the only module other features import from it. */
export { rosterMembership } from "./roster.repository";
