/**
 * The entries feature's entry point: its plugin, and what the jury reads (submitted entries and
 * their blind copies). Everything else about entries stays inside the feature.
 */
export { default as entriesPlugin } from "./entries.plugin";
export { listSubmittedEntries, openBlindFile, type SubmittedEntry } from "./entries.api";
export type { EntriesTable, EntryContributorsTable, EntryFilesTable, EntrySignInCodesTable, EntryUploadTokensTable, EntryVersionsTable } from "./entries.table";

import type { AppHooks } from "../../app-context";
import { seedDemoEntries } from "./entries-demo";
import { sendInvitations } from "./entries-inbox";

/** Invite the leads of the rounds a confirmation opens, now; demo only: seed the other units' entries. */
export const entriesHooks = {
  qualifiersConfirmed: async (ctx) => {
    const now = ctx.clock.now().getTime();
    for (const round of ctx.pack.entries.rounds) if (now <= Date.parse(round.closes)) await sendInvitations(ctx, round);
  },
  demoQualifiersConfirmed: async (ctx) => void (await seedDemoEntries(ctx)),
} satisfies Record<string, AppHooks["qualifiersConfirmed"][number]>;
export { seedDemoEntries } from "./entries-demo";
