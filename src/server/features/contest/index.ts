/** The contest feature's entry point. */
export { contestPlugin } from "./contest.plugin";
