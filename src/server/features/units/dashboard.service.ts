import { finishedAt, isFinished, lessonsComplete, participationBase } from "../../../domain/contest/participation";
import { participationPct, round2 } from "../../../domain/ranking/ranking";
import type { ChaseItem, DashboardResponse, MissingStep, MyStatusResponse, SubUnitStats, UnitMembersResponse } from "../../../domain/units/roster.schema";
import { boardOfKind } from "../../../domain/units/unit.schema";
import type { AppContext } from "../../app-context";
import type { UserRow } from "../auth";
import { officialHeadcountOf, participationScope, progressOf, type PersonFacts } from "../participation";
import { currentBoards } from "../ranking";
import { findUnit } from "./access";
import { countPendingClaims, latestClaimOf } from "./claims.service";
import { rosterFreezeOf } from "./roster-freeze.service";
import { countNotOnRoster, membersOf, rosterEntryOfUser, rosterRowsOf, rosterUpdatedAt, rosterUsersOf } from "./roster.repository";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "dialect" | "caches">;

/** A roster row with what its person has done. */
export type PersonProgress = Omit<PersonFacts, "userId"> & {
  entryId: string;
  userId: string | null;
  fullName: string;
  phone: string | null;
  position: string | null;
  subUnit: string | null;
};

export type PersonView = PersonProgress & { lessonsComplete: boolean; participated: boolean; participatedAt: string | null; missing: MissingStep[] };

export function viewPerson(p: PersonProgress, lessonCount: number): PersonView {
  const progress = { lessonsDone: p.lessonsDone, lessonCount, testDone: p.testDone };
  const complete = lessonsComplete(progress);
  const participated = isFinished(progress);
  const missing: MissingStep[] = [];
  if (!p.userId) missing.push("sign_in");
  if (!complete) missing.push("lessons");
  if (!p.testDone) missing.push("test");
  return { ...p, lessonsComplete: complete, participated, participatedAt: participated ? finishedAt(p) : null, missing };
}

const NOTHING_DONE = { lessonsDone: 0, lessonsAt: null, testDone: false, countedScore: null, firstFinished: null } as const;

/** Every roster row of one unit with what its person has done (only this unit's users are read). */
async function unitPeople(ctx: Ctx, unitCode: string): Promise<PersonProgress[]> {
  const [rows, progress] = await Promise.all([rosterRowsOf(ctx.db, unitCode), progressOf(ctx.db, participationScope(ctx.pack), { usersFrom: rosterUsersOf(unitCode) })]);
  return rows.map((r) => {
    const facts = r.userId ? progress.get(r.userId) : undefined;
    const { userId: _userId, ...done } = facts ?? { userId: null, ...NOTHING_DONE };
    return { entryId: r.id, userId: r.userId, fullName: r.fullName, phone: r.phone, position: r.position, subUnit: r.subUnit, ...done };
  });
}

const collator = new Intl.Collator("vi");
const byPlace = (a: PersonView, b: PersonView) =>
  collator.compare(a.subUnit ?? "\uffff", b.subUnit ?? "\uffff") || collator.compare(a.fullName, b.fullName) || (a.entryId < b.entryId ? -1 : 1);

export async function unitPeopleView(ctx: Ctx, code: string): Promise<PersonView[]> {
  const people = await unitPeople(ctx, code);
  return people.map((p) => viewPerson(p, ctx.pack.lessons.length)).sort(byPlace);
}

/** The unit's figures; the rate is over the larger of the roster and the official headcount (as on the boards). */
export function summarise(people: readonly PersonView[], headcount: number | null) {
  const tested = people.filter((p) => p.testDone && p.countedScore !== null);
  const participants = people.filter((p) => p.participated).length;
  return {
    roster: people.length,
    signedIn: people.filter((p) => p.userId).length,
    lessonsDone: people.filter((p) => p.lessonsComplete).length,
    testDone: people.filter((p) => p.testDone).length,
    participants,
    participationPct: participationPct(participants, participationBase(people.length, headcount)),
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
  const [people, boards, notOnRoster, pendingClaims, updated, headcount, rosterFreeze] = await Promise.all([
    unitPeopleView(ctx, code),
    currentBoards(ctx),
    countNotOnRoster(ctx.db, code),
    countPendingClaims(ctx.db, code),
    rosterUpdatedAt(ctx.db, code),
    officialHeadcountOf(ctx.db, code),
    rosterFreezeOf(ctx, code),
  ]);
  const s = summarise(people, headcount);
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
    headcount,
    rosterFreeze,
    meanScore: s.meanScore,
    rank: mine?.rank ? { rank: mine.rank, of: rankedCount, board } : null,
    rosterUpdatedAt: (updated?.at as string | null | undefined) ?? null,
    bySubUnit: bySubUnit(people),
    chase,
  };
}

export async function myStatus(ctx: Ctx, user: UserRow): Promise<MyStatusResponse> {
  const [entry, facts, claim] = await Promise.all([
    rosterEntryOfUser(ctx.db, user.id),
    progressOf(ctx.db, participationScope(ctx.pack), { userIds: [user.id] }),
    latestClaimOf(ctx.db, user.id),
  ]);
  const progress = facts.get(user.id) ?? NOTHING_DONE;
  const lessonCount = ctx.pack.lessons.length;
  return {
    unitCode: user.unitCode,
    onRoster: entry !== undefined,
    rosterUnitCode: entry?.unitCode ?? null,
    lessonCount,
    lessonsDone: progress.lessonsDone,
    testDone: progress.testDone,
    countedScore: progress.countedScore === null ? null : round2(progress.countedScore),
    participated: isFinished({ lessonsDone: progress.lessonsDone, lessonCount, testDone: progress.testDone }),
    claim,
  };
}

export async function unitMembers(ctx: Ctx, code: string): Promise<UnitMembersResponse> {
  const rows = await membersOf(ctx.db, code);
  return {
    members: rows
      .map((r) => ({ userId: r.id, fullName: r.fullName ?? r.zaloName ?? null, phone: r.phone, role: r.role, subUnit: r.subUnit, onRoster: r.entryId !== null }))
      .sort((a, b) => collator.compare(a.fullName ?? "", b.fullName ?? "")),
  };
}
