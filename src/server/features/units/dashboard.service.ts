import { participationPct, round2 } from "../../../domain/ranking/ranking";
import type { ChaseItem, DashboardResponse, MissingStep, MyStatusResponse, SubUnitStats, UnitMembersResponse } from "../../../domain/units/roster.schema";
import { boardOfKind, type Unit } from "../../../domain/units/unit.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import type { UserRow } from "../auth/users.table";
import { countPendingClaims, latestClaimOf } from "./claims.service";
import { personProgress, unitPeople, type PersonProgress } from "./participation.repository";
import { currentBoards, participationScope } from "./ranking.service";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "dialect">;

export function findUnit(ctx: Pick<Ctx, "pack">, code: string): Unit {
  const unit = ctx.pack.units.find((u) => u.code === code);
  if (!unit) throw new AppError(404, "UNIT_UNKNOWN", `Unit ${code} is not part of this contest`);
  return unit;
}

/** Unit leads see their own unit, organisers every unit, nobody else any. */
// The rule lives in one shared helper (also used by reminders' nudges).
export { assertCanManageUnit } from "../../shared/unit-authz";

export type PersonView = PersonProgress & { lessonsComplete: boolean; participated: boolean; participatedAt: string | null; missing: MissingStep[] };

export function viewPerson(p: PersonProgress, lessonCount: number): PersonView {
  const lessonsComplete = p.lessonsDone >= lessonCount;
  const participated = lessonsComplete && p.testDone;
  const missing: MissingStep[] = [];
  if (!p.userId) missing.push("sign_in");
  if (!lessonsComplete) missing.push("lessons");
  if (!p.testDone) missing.push("test");
  const participatedAt = participated ? ([p.lessonsAt, p.firstFinished].filter((x): x is string => x !== null).sort().at(-1) ?? null) : null;
  return { ...p, lessonsComplete, participated, participatedAt, missing };
}

const collator = new Intl.Collator("vi");
const byPlace = (a: PersonView, b: PersonView) =>
  collator.compare(a.subUnit ?? "\uffff", b.subUnit ?? "\uffff") || collator.compare(a.fullName, b.fullName) || (a.entryId < b.entryId ? -1 : 1);

export async function unitPeopleView(ctx: Ctx, code: string): Promise<PersonView[]> {
  const people = await unitPeople(ctx.db, participationScope(ctx.pack), code);
  return people.map((p) => viewPerson(p, ctx.pack.lessons.length)).sort(byPlace);
}

export function summarise(people: readonly PersonView[]) {
  const tested = people.filter((p) => p.testDone && p.countedScore !== null);
  const participants = people.filter((p) => p.participated).length;
  return {
    roster: people.length,
    signedIn: people.filter((p) => p.userId).length,
    lessonsDone: people.filter((p) => p.lessonsComplete).length,
    testDone: people.filter((p) => p.testDone).length,
    participants,
    participationPct: participationPct(participants, people.length),
    meanScore: tested.length ? round2(tested.reduce((s, p) => s + (p.countedScore ?? 0), 0) / tested.length) : null,
  };
}

export function bySubUnit(people: readonly PersonView[]): SubUnitStats[] {
  const groups = new Map<string | null, { roster: number; participants: number }>();
  for (const p of people) {
    const g = groups.get(p.subUnit) ?? { roster: 0, participants: 0 };
    g.roster += 1;
    if (p.participated) g.participants += 1;
    groups.set(p.subUnit, g);
  }
  return [...groups.entries()]
    .map(([subUnit, g]) => ({ subUnit, roster: g.roster, participants: g.participants, participationPct: participationPct(g.participants, g.roster) ?? 0 }))
    .sort((a, b) => collator.compare(a.subUnit ?? "\uffff", b.subUnit ?? "\uffff"));
}

export async function unitDashboard(ctx: Ctx, code: string): Promise<DashboardResponse> {
  const unit = findUnit(ctx, code);
  const [people, boards, notOnRoster, pendingClaims, updated] = await Promise.all([
    unitPeopleView(ctx, code),
    currentBoards(ctx),
    ctx.db
      .selectFrom("users as u")
      .leftJoin("rosterEntries as r", "r.userId", "u.id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("u.unitCode", "=", code)
      .where("r.id", "is", null)
      .executeTakeFirstOrThrow(),
    countPendingClaims(ctx.db, code),
    ctx.db.selectFrom("rosterEntries").select((eb) => eb.fn.max("updatedAt").as("at")).where("unitCode", "=", code).executeTakeFirst(),
  ]);
  const s = summarise(people);
  const board = boardOfKind(unit.kind);
  const rows = boards.boards[board];
  const mine = rows.find((r) => r.unitCode === code);
  const rankedCount = rows.filter((r) => r.rank !== null).length;
  const chase: ChaseItem[] = people
    .filter((p) => !p.participated)
    .map((p) => ({ entryId: p.entryId, userId: p.userId, fullName: p.fullName, subUnit: p.subUnit, position: p.position, phone: p.phone, lessonsDone: p.lessonsDone, testDone: p.testDone, missing: p.missing }));
  return {
    unit: { code: unit.code, name: unit.name, fullName: unit.fullName, board },
    generatedAt: ctx.clock.now().toISOString(),
    lessonCount: ctx.pack.lessons.length,
    counts: { roster: s.roster, signedIn: s.signedIn, lessonsDone: s.lessonsDone, testDone: s.testDone, participants: s.participants, notOnRoster: Number(notOnRoster.n), pendingClaims },
    participationPct: s.participationPct,
    meanScore: s.meanScore,
    rank: mine?.rank ? { rank: mine.rank, of: rankedCount, board } : null,
    rosterUpdatedAt: (updated?.at as string | null | undefined) ?? null,
    bySubUnit: bySubUnit(people),
    chase,
  };
}

export async function myStatus(ctx: Ctx, user: UserRow): Promise<MyStatusResponse> {
  const [entry, progress, claim] = await Promise.all([
    ctx.db.selectFrom("rosterEntries").select("unitCode").where("userId", "=", user.id).executeTakeFirst(),
    personProgress(ctx.db, participationScope(ctx.pack), user.id),
    latestClaimOf(ctx.db, user.id),
  ]);
  const lessonCount = ctx.pack.lessons.length;
  return {
    unitCode: user.unitCode,
    onRoster: entry !== undefined,
    rosterUnitCode: entry?.unitCode ?? null,
    lessonCount,
    lessonsDone: progress.lessonsDone,
    testDone: progress.testDone,
    countedScore: progress.countedScore === null ? null : round2(progress.countedScore),
    participated: progress.lessonsDone >= lessonCount && progress.testDone,
    claim,
  };
}

export async function unitMembers(ctx: Ctx, code: string): Promise<UnitMembersResponse> {
  const rows = await ctx.db
    .selectFrom("users as u")
    .leftJoin("rosterEntries as r", "r.userId", "u.id")
    .select(["u.id", "u.fullName", "u.zaloName", "u.phone", "u.role", "u.subUnit", "r.id as entryId"])
    .where("u.unitCode", "=", code)
    .limit(5000)
    .execute();
  return {
    members: rows
      .map((r) => ({ userId: r.id, fullName: r.fullName ?? r.zaloName ?? null, phone: r.phone, role: r.role, subUnit: r.subUnit, onRoster: r.entryId !== null }))
      .sort((a, b) => collator.compare(a.fullName ?? "", b.fullName ?? "")),
  };
}
