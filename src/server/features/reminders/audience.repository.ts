import type { Kysely } from "kysely";
import type { Role } from "../../../domain/auth/auth.schema";
import type { Audience } from "../../../domain/reminders/reminders.config";
import { isFinished, type Progress, progressOf } from "../../../domain/reminders/template";
import type { Database } from "../../db/schema";

/**
 * Read-only view of the cross-feature tables this feature depends on, typed from the written
 * contract (owners: learning, quiz, units) rather than from their modules, so reminders only
 * relies on the agreed columns.
 */
type ContractTables = {
  lesson_progress: { userId: string; lessonId: string; completedAt: string | null };
  quiz_attempts: { userId: string; finishedAt: string | null };
  roster_entries: { unitCode: string; userId: string | null };
};

type AnyDb = Kysely<Database>;
const contract = (db: AnyDb) => db.withTables<ContractTables>();

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

/** People with their Stage 1 progress, from lesson_progress.completed_at and quiz_attempts.finished_at. */
export async function peopleWithProgress(
  db: AnyDb,
  lessonIds: readonly string[],
  filter: { userIds?: readonly string[]; participantsOnly?: boolean; roles?: readonly Role[]; unitCodes?: readonly string[] },
): Promise<Person[]> {
  if (filter.userIds?.length === 0 || filter.unitCodes?.length === 0) return [];
  const rows = await contract(db)
    .selectFrom("users as u")
    .select((eb) => [
      "u.id",
      "u.fullName",
      "u.zaloName",
      "u.role",
      "u.unitCode",
      "u.zaloId",
      "u.notificationsConsent",
      "u.lastActiveAt",
      eb
        .selectFrom("lesson_progress as lp")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("lp.userId", "=", "u.id")
        .where("lp.completedAt", "is not", null)
        .$if(lessonIds.length > 0, (q) => q.where("lp.lessonId", "in", lessonIds))
        .as("lessonsDone"),
      eb
        .selectFrom("quiz_attempts as qa")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("qa.userId", "=", "u.id")
        .where("qa.finishedAt", "is not", null)
        .as("testsDone"),
    ])
    .$if(filter.userIds !== undefined, (q) => q.where("u.id", "in", filter.userIds as string[]))
    // Anonymised accounts (privacy: deleted on request or after retention) are nobody to remind.
    .where("u.deletedAt", "is", null)
    .$if(filter.participantsOnly === true, (q) => q.where("u.unitCode", "is not", null).where("u.role", "in", PARTICIPANT_ROLES))
    .$if(filter.roles !== undefined, (q) => q.where("u.role", "in", filter.roles as Role[]))
    .$if(filter.unitCodes !== undefined, (q) => q.where("u.unitCode", "in", filter.unitCodes as string[]))
    .orderBy("u.id")
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    name: r.fullName ?? r.zaloName ?? "bạn",
    role: r.role,
    unitCode: r.unitCode,
    zaloId: r.zaloId,
    notificationsConsent: r.notificationsConsent,
    lastActiveAt: r.lastActiveAt,
    progress: { lessonsDone: Number(r.lessonsDone ?? 0), lessonCount: lessonIds.length, testDone: Number(r.testsDone ?? 0) > 0 },
  }));
}

/** Unit codes of the latest qualifier confirmation (units feature) for a stage's results. */
async function confirmedUnits(db: AnyDb, stageId: string): Promise<string[]> {
  const row = await db
    .selectFrom("qualifierConfirmations")
    .select("unitCodes")
    .where("stageId", "=", stageId)
    .orderBy("confirmedAt", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return [];
  try {
    const codes: unknown = JSON.parse(row.unitCodes);
    return Array.isArray(codes) ? codes.filter((c): c is string => typeof c === "string") : [];
  } catch {
    return [];
  }
}

/** Units going on to Stage 2: the organiser's confirmation of the Stage 1 qualifiers. */
export const qualifiedUnitCodes = (db: AnyDb) => confirmedUnits(db, "stage1");

/**
 * Units in the final. Nothing records the expert council's choice yet; when the organiser confirms
 * Stage 2's results the same way as Stage 1's (stage_id "stage2"), those units are the finalists.
 */
export const finalistUnitCodes = (db: AnyDb) => confirmedUnits(db, "stage2");

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
  const roster = await contract(db).selectFrom("roster_entries").select(["unitCode", "userId"]).execute();
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
export async function resolveAudience(db: AnyDb, audience: Audience, lessonIds: readonly string[]): Promise<AudienceMember[]> {
  const participants = await peopleWithProgress(db, lessonIds, { participantsOnly: true });
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
        audience === "qualified_unit_leads" ? await qualifiedUnitCodes(db) : audience === "finalists" ? await finalistUnitCodes(db) : undefined;
      const leads = await peopleWithProgress(db, lessonIds, { roles: ["unit_lead"], unitCodes: units });
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
