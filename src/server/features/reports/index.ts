/** The reports feature's entry point (nothing reads it but app.ts). */
export { reportsPlugin } from "./reports.plugin";
