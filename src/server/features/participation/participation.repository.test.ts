import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClock } from "../../shared/clock";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { aggregateUnits, aggregateUnitsRaw, type ParticipationScope, summariesAvailable } from "./participation.repository";
import { factsDb } from "../../test/seed";

const T0 = new Date("2026-06-01T01:00:00.000Z");
const iso = (minutes: number) => new Date(T0.getTime() + minutes * 60_000).toISOString();

/** What people do to the facts, in any order — including things the app never does (un-completing, deleting). */
const op = fc.oneof(
  fc.record({ kind: fc.constant("complete" as const), who: fc.nat(5), lesson: fc.nat(3), at: fc.integer({ min: 0, max: 20_000 }) }),
  fc.record({ kind: fc.constant("start" as const), who: fc.nat(5), lesson: fc.nat(3) }),
  fc.record({ kind: fc.constant("uncomplete" as const), who: fc.nat(5), lesson: fc.nat(3) }),
  fc.record({ kind: fc.constant("forget" as const), who: fc.nat(5), lesson: fc.nat(3) }),
  fc.record({ kind: fc.constant("attempt" as const), who: fc.nat(5), score: fc.integer({ min: 0, max: 100 }), at: fc.integer({ min: 0, max: 20_000 }), finished: fc.boolean() }),
  fc.record({ kind: fc.constant("finishOpen" as const), who: fc.nat(5), score: fc.integer({ min: 0, max: 100 }) }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

describe.each(DIALECTS)("per-person participation summaries on %s", (dialect) => {
  let t: TestApp;
  const users: string[] = [];
  let scope: ParticipationScope;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock: createTestClock(T0) });
    const db = t.app.ctx.db;
    const at = T0.toISOString();
    // Six people: four on two rosters, one on no roster, one roster row without an account.
    for (let i = 0; i < 6; i++) {
      const id = randomUUID();
      users.push(id);
      await db.insertInto("users").values({ id, role: "staff", unitCode: "10507", lastActiveAt: at, createdAt: at, updatedAt: at }).execute();
    }
    const row = (unitCode: string, n: number, userId: string | null) => ({ id: randomUUID(), unitCode, rowKey: `name:p${n}`, fullName: `P${n}`, phone: null, position: null, subUnit: null, userId, isLead: 0, source: "import" as const, createdAt: at, updatedAt: at });
    await db.insertInto("rosterEntries").values([row("10507", 0, users[0]!), row("10507", 1, users[1]!), row("10525", 2, users[2]!), row("10525", 3, users[3]!), row("10525", 9, null)]).execute();
    // Four lessons make the scope small enough for the property to reach "all done" often.
    scope = { lessonIds: t.pack.lessons.slice(0, 4).map((l) => l.id), cutoff: iso(15_000), counted: "best" };
  });
  afterAll(async () => {
    await t?.close();
  });

  let attemptNo = 0;
  async function apply(o: Op) {
    const db = factsDb(t);
    const userId = users[o.who]!;
    if (o.kind === "attempt" || o.kind === "finishOpen") {
      if (o.kind === "attempt") {
        await db
          .insertInto("quizAttempts")
          .values({ id: randomUUID(), userId, attemptNo: ++attemptNo, status: o.finished ? "submitted" : "active", startedAt: iso(o.at), dueAt: iso(o.at + 30), finishedAt: o.finished ? iso(o.at + 10) : null, score: o.finished ? o.score : null, correctCount: null, questionCount: 30 })
          .execute()
          .catch(() => undefined); // at most one active attempt per person: a second "start" is refused, as in the app
      } else {
        const open = await db.selectFrom("quizAttempts").select(["id", "startedAt"]).where("userId", "=", userId).where("finishedAt", "is", null).executeTakeFirst();
        if (open) await db.updateTable("quizAttempts").set({ status: "submitted", finishedAt: open.startedAt, score: o.score }).where("id", "=", open.id).execute();
      }
      return;
    }
    const lessonId = t.pack.lessons[o.lesson]!.id;
    const existing = await db.selectFrom("lessonProgress").select("completedAt").where("userId", "=", userId).where("lessonId", "=", lessonId).executeTakeFirst();
    if (o.kind === "forget") await db.deleteFrom("lessonProgress").where("userId", "=", userId).where("lessonId", "=", lessonId).execute();
    else if (o.kind === "uncomplete") await db.updateTable("lessonProgress").set({ completedAt: null }).where("userId", "=", userId).where("lessonId", "=", lessonId).execute();
    else if (!existing) await db.insertInto("lessonProgress").values({ userId, lessonId, completedAt: o.kind === "complete" ? iso(o.at) : null }).execute();
    else if (o.kind === "complete") await db.updateTable("lessonProgress").set({ completedAt: iso(o.at) }).where("userId", "=", userId).where("lessonId", "=", lessonId).execute();
  }

  const sorted = <T extends { unitCode: string }>(rows: T[]) => [...rows].sort((a, b) => (a.unitCode < b.unitCode ? -1 : 1));

  it("are installed by the migration, with their triggers", async () => {
    expect(await summariesAvailable(t.app.ctx.db, dialect, t.app.ctx.caches.participation)).toBe(true);
  });

  it("always agree with the raw facts, through inserts, updates and deletes in any order", async () => {
    const { db } = t.app.ctx;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) await apply(o);
        const fast = await aggregateUnits(db, scope, dialect, t.clock.now(), t.app.ctx.caches.participation);
        const raw = await aggregateUnitsRaw(db, scope, dialect);
        expect(sorted(fast).map((r) => ({ ...r, meanScore: r.meanScore === null ? null : Math.round(r.meanScore * 1e6) }))).toEqual(
          sorted(raw).map((r) => ({ ...r, meanScore: r.meanScore === null ? null : Math.round(r.meanScore * 1e6) })),
        );
      }),
      { numRuns: 25 },
    );
  });

  it("are rebuilt when the scope changes (another cutoff, another counted attempt)", async () => {
    const { db } = t.app.ctx;
    for (const next of [{ ...scope, counted: "last" as const }, { ...scope, counted: "first" as const, cutoff: iso(5_000) }, scope]) {
      expect(sorted(await aggregateUnits(db, next, dialect, t.clock.now(), t.app.ctx.caches.participation))).toEqual(sorted(await aggregateUnitsRaw(db, next, dialect)));
    }
  });
});
