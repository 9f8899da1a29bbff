import { type Kysely, sql } from "kysely";
import type { Role } from "../../../domain/auth/auth.schema";
import type { ParticipationScope } from "../../../domain/contest/participation";
import type { Audience } from "../../../domain/reminders/reminders.config";
import { isFinished, type Progress, progressOf } from "../../../domain/reminders/template";
import type { Database } from "../../db/schema";
import { progressOf as participationOf } from "../participation";
import { confirmedUnitCodes } from "../stages";
import { rosterMembership } from "../units";

type AnyDb = Kysely<Database>;
/** The pack's stage ids in order (Stage 1 qualifies units for Stage 2, whose results pick the finalists). */
type StageIds = readonly string[];

/** Roles whose people take part in Stage 1 (lessons + test). */
const PARTICIPANT_ROLES: Role[] = ["staff", "unit_lead"];

export type Person = {
  userId: string;
  name: string;
  role: Role;
  unitCode: string | null;
  zaloId: string | null;
  notificationsConsent: number | null;
  lastActiveAt: string;
  progress: Progress;
};

/** People with their Stage 1 progress, by the one participation rule (participation feature, with the Stage 1 cut-off). */
export async function peopleWithProgress(
  db: AnyDb,
  scope: ParticipationScope,
  filter: { userIds?: readonly string[]; participantsOnly?: boolean; roles?: readonly Role[]; unitCodes?: readonly string[]; page?: { afterId: string; limit: number } },
): Promise<Person[]> {
  const page = filter.page;
  if (filter.userIds?.length === 0 || filter.unitCodes?.length === 0) return [];
  const chosen = db
    .selectFrom("users as u")
    .$if(filter.userIds !== undefined, (q) => q.where("u.id", "in", filter.userIds as string[]))
    // Anonymised accounts (privacy: deleted on request or after retention) are nobody to remind.
    .where("u.deletedAt", "is", null)
    .$if(filter.participantsOnly === true, (q) => q.where("u.unitCode", "is not", null).where("u.role", "in", PARTICIPANT_ROLES))
    .$if(filter.roles !== undefined, (q) => q.where("u.role", "in", filter.roles as Role[]))
    .$if(filter.unitCodes !== undefined, (q) => q.where("u.unitCode", "in", filter.unitCodes as string[]))
    .$if(page !== undefined, (q) => q.where("u.id", ">", page!.afterId).orderBy("u.id").limit(page!.limit));
  const [rows, progress] = await Promise.all([
    chosen
      .select(["u.id", "u.fullName", "u.zaloName", "u.role", "u.unitCode", "u.zaloId", "u.notificationsConsent", "u.lastActiveAt"])
      .$if(page === undefined, (q) => q.orderBy("u.id"))
      .execute(),
    participationOf(db, scope, filter.userIds ? { userIds: filter.userIds } : { usersFrom: sql`${chosen.select("u.id")}` }),
  ]);
  const lessonCount = scope.lessonIds.length;
  return rows.map((r) => {
    const p = progress.get(r.id);
    return {
      userId: r.id,
      name: r.fullName ?? r.zaloName ?? "bạn",
      role: r.role,
      unitCode: r.unitCode,
      zaloId: r.zaloId,
      notificationsConsent: r.notificationsConsent,
      lastActiveAt: r.lastActiveAt,
      progress: { lessonsDone: p?.lessonsDone ?? 0, lessonCount, testDone: p?.testDone ?? false },
    };
  });
}

/** Units going on to Stage 2: the organiser's confirmation of the Stage 1 qualifiers. */
export const qualifiedUnitCodes = (db: AnyDb, stages: StageIds) => confirmedUnitCodes(db, stages[0]);

/**
 * Units in the final. Nothing records the expert council's choice yet; when the organiser confirms
 * Stage 2's results the same way as Stage 1's (stage_id "stage2"), those units are the finalists.
 */
export const finalistUnitCodes = (db: AnyDb, stages: StageIds) => confirmedUnitCodes(db, stages[1]);

/** Per unit: how many people still have to finish (roster when the unit has one, else accounts) and of how many. */
export async function unitPending(db: AnyDb, people: readonly Person[]): Promise<Map<string, { pending: number; total: number }>> {
  const finished = new Set(people.filter((p) => isFinished(p.progress)).map((p) => p.userId));
  const byUnit = new Map<string, { pending: number; total: number }>();
  for (const p of people) {
    if (!p.unitCode) continue;
    const u = byUnit.get(p.unitCode) ?? { pending: 0, total: 0 };
    u.total++;
    if (!finished.has(p.userId)) u.pending++;
    byUnit.set(p.unitCode, u);
  }
  const roster = await rosterMembership(db);
  const rosterByUnit = new Map<string, { pending: number; total: number }>();
  for (const e of roster) {
    const u = rosterByUnit.get(e.unitCode) ?? { pending: 0, total: 0 };
    u.total++;
    if (!e.userId || !finished.has(e.userId)) u.pending++;
    rosterByUnit.set(e.unitCode, u);
  }
  // The roster is the unit's official staff list: it also counts people without an account.
  for (const [code, u] of rosterByUnit) byUnit.set(code, u);
  return byUnit;
}

export type AudienceMember = Person & { share: number; unitPending: number | null };

/** Who a rule speaks to, with what each still has to do. */
export async function resolveAudience(db: AnyDb, audience: Audience, scope: ParticipationScope, stages: StageIds): Promise<AudienceMember[]> {
  const participants = await peopleWithProgress(db, scope, { participantsOnly: true });
  const withShare = (p: Person, unitPending: number | null = null): AudienceMember => ({ ...p, share: progressOf(p.progress), unitPending });
  switch (audience) {
    case "everyone":
      return participants.map((p) => withShare(p));
    case "unfinished":
      return participants.filter((p) => !isFinished(p.progress)).map((p) => withShare(p));
    case "unit_leads":
    case "qualified_unit_leads":
    case "finalists": {
      const units =
        audience === "qualified_unit_leads" ? await qualifiedUnitCodes(db, stages) : audience === "finalists" ? await finalistUnitCodes(db, stages) : undefined;
      const leads = await peopleWithProgress(db, scope, { roles: ["unit_lead"], unitCodes: units });
      const pending = await unitPending(db, participants);
      return leads
        .filter((l) => l.unitCode)
        .map((l) => {
          const u = pending.get(l.unitCode as string) ?? { pending: 0, total: 0 };
          // A lead's priority is the unit's progress: the unit that has done least goes first.
          return { ...l, share: u.total ? 1 - u.pending / u.total : 0, unitPending: u.pending };
        });
    }
  }
}

/**
 * One page of an audience, in user-id order: the large audiences (everyone, the unfinished) are
 * read `limit` people at a time, so a send-out to a whole city never holds the database for one
 * long read; the unit leads' audiences are small and come whole. `next` is where the next page
 * starts, or null after the last.
 */
export async function resolveAudiencePage(
  db: AnyDb,
  audience: Audience,
  scope: ParticipationScope,
  stages: StageIds,
  afterId: string,
  limit: number,
): Promise<{ members: AudienceMember[]; next: string | null }> {
  if (audience !== "everyone" && audience !== "unfinished") return { members: await resolveAudience(db, audience, scope, stages), next: null };
  const people = await peopleWithProgress(db, scope, { participantsOnly: true, page: { afterId, limit } });
  const chosen = audience === "unfinished" ? people.filter((p) => !isFinished(p.progress)) : people;
  return { members: chosen.map((p) => ({ ...p, share: progressOf(p.progress), unitPending: null })), next: people.length < limit ? null : people[people.length - 1]!.userId };
}
