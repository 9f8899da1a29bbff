/**
 * The entries feature's entry point: its plugin, and what the jury reads (submitted entries and
 * their blind copies). Everything else about entries stays inside the feature.
 */
export { default as entriesPlugin } from "./entries.plugin";
export { entriesHooks } from "./entries.hooks";
export { blindName, listSubmittedEntries, openBlindFile, type SubmittedEntry } from "./entries.api";
export type { EntriesTable, EntryContributorsTable, EntryFilesTable, EntrySignInCodesTable, EntryUploadTokensTable, EntryVersionsTable } from "./entries.table";

export { seedDemoEntries } from "./entries-demo";
