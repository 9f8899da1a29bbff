/**
 * The privacy feature's entry point: its plugin, the report-minimisation switch the reports
 * feature reads, and its table types. It reads and anonymises every table that holds a user id
 * (personal-data.sources.ts), by the written contract in docs/decisions/0006.
 */
export { privacyPlugin } from "./privacy.plugin";
export { reportsIncludeStaffPhones } from "./privacy.service";
export type { PrivacyRequestsTable, PrivacySettingsTable } from "./privacy.table";
