import type { AppHooks, QualifiersConfirmedHook } from "../../app-context";
import { seedDemoEntries } from "./entries-demo";
import { sendInvitations } from "./entries-inbox";

/**
 * Qualifiers of a stage confirmed: invite the leads of every round that stage feeds now, rather
 * than at the job's next tick. Idempotent (one invitation per round, unit and lead ever), so the
 * job running as well changes nothing.
 */
const qualifiersConfirmed: QualifiersConfirmedHook = async (ctx, stageId, now) => {
  for (const round of ctx.pack.entries.rounds) {
    if (round.eligible.fromStage !== stageId || now.getTime() > Date.parse(round.closes)) continue;
    await sendInvitations(ctx, round);
  }
};

/** Demo only (AUTH_DEV): the other qualified units get plausible submitted entries, so judges have work. */
const demoQualifiersConfirmed: QualifiersConfirmedHook = async (ctx) => void (await seedDemoEntries(ctx));

/** The entries feature's hooks, listed in app.ts. */
export const entriesHooks = { qualifiersConfirmed, demoQualifiersConfirmed } satisfies Record<string, AppHooks["qualifiersConfirmed"][number]>;
