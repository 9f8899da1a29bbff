/** The jury feature's entry point (nothing reads it but app.ts). */
export { juryPlugin } from "./jury.plugin";
export type { JuryConflictsTable, JuryJudgesTable, JuryRoundsTable, JurySheetsTable, JurySnapshotsTable } from "./jury.table";
