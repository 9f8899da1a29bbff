import { sql } from "kysely";
import { type ParticipationScope, participationScopeOf } from "../../../domain/contest/participation";
import type { AppContext } from "../../app-context";
import type { ContestPack } from "../../content/pack-loader";
import type { Db } from "../../db/database";
import { allHeadcounts } from "./headcount.repository";
import { aggregateUnits, type PersonFacts, selectProgress, type UnitAggregate, type UserFilter } from "./participation.repository";

export { headcountOf as officialHeadcountOf, writeHeadcount as setOfficialHeadcount } from "./headcount.repository";

/** What counts for this pack: its lessons, activity up to the close of Stage 1, its counted attempt. */
export const participationScope = (pack: Pick<ContestPack, "lessons" | "stages" | "quiz">): ParticipationScope => participationScopeOf(pack);

/**
 * Whose progress: these user ids, or the ids a sub-select returns (the caller's repository writes
 * it, e.g. "the users of this unit's roster"), so that a unit of thousands is one query.
 */
export type ProgressFilter = { userIds: readonly string[] } | { usersFrom: UserFilter & object };

const CHUNK = 1000;

/**
 * THE read of per-person participation: lessons done, when, test done, counted score and first
 * finished attempt, within `scope`. People without any activity have no entry. Whether someone has
 * finished is then `isFinished` of domain/contest/participation.
 */
export async function progressOf(db: Db, scope: ParticipationScope, filter: ProgressFilter): Promise<Map<string, PersonFacts>> {
  const out = new Map<string, PersonFacts>();
  if ("usersFrom" in filter) {
    for (const p of await selectProgress(db, scope, filter.usersFrom)) out.set(p.userId, p);
    return out;
  }
  const ids = [...new Set(filter.userIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = sql.join(ids.slice(i, i + CHUNK).map((id) => sql`${id}`));
    for (const p of await selectProgress(db, scope, part)) out.set(p.userId, p);
  }
  return out;
}

/**
 * Per unit with a roster: roster size, the official headcount (organisers; null when none), signed
 * in, lessons/test done, participants, mean score (from the kept summaries). The rate is then
 * participants over `participationBase(rosterCount, headcount)` (domain/contest/participation).
 */
export async function unitTotals(ctx: Pick<AppContext, "db" | "dialect" | "clock" | "caches">, scope: ParticipationScope): Promise<Array<UnitAggregate & { headcount: number | null }>> {
  const [totals, headcounts] = await Promise.all([aggregateUnits(ctx.db, scope, ctx.dialect, ctx.clock.now(), ctx.caches.participation), allHeadcounts(ctx.db)]);
  return totals.map((t) => ({ ...t, headcount: headcounts.get(t.unitCode) ?? null }));
}
