import { randomUUID } from "node:crypto";
import type { Role } from "../../domain/auth/auth.schema";
import type { TestApp } from "./test-app";

/**
 * Test fixtures for every server suite: people, completed lessons and finished attempts, written
 * the way the learning and quiz features record them (lesson_progress.completed_at is set once;
 * an attempt is counted once finished_at is set).
 */
type Seedable = { app: Pick<TestApp["app"], "ctx"> };

/** The database the facts are written to (typed by the schema, so a renamed column breaks the tests too). */
export const factsDb = (t: Seedable) => t.app.ctx.db;

/** A signed-in person (dev sign-in), optionally with lessons and a finished test. */
export async function seedPerson(
  t: Seedable & Pick<TestApp, "signIn">,
  name: string,
  o: { role?: Role; unitCode?: string; lessons?: number; attempts?: Array<{ score: number; startedAt: Date }> } = {},
) {
  const s = await t.signIn(name, o.role ?? "staff", o.unitCode);
  if (o.lessons) await completeLessons(t, s.user.id, { count: o.lessons });
  for (const a of o.attempts ?? []) await finishAttempt(t, s.user.id, a);
  return s;
}

export type CompleteLessonsOptions = {
  /** When they were completed (default: the test clock's now). */
  at?: Date;
  /** Exactly these lessons; otherwise `count` of the pack's lessons from the `from`-th (all by default). */
  lessonIds?: readonly string[];
  count?: number;
  from?: number;
};

/** Lessons completed, as the learning feature records them. */
export async function completeLessons(t: Seedable, userId: string, o: CompleteLessonsOptions = {}): Promise<void> {
  const { pack, clock } = t.app.ctx;
  const from = o.from ?? 0;
  const ids = o.lessonIds ?? pack.lessons.slice(from, from + (o.count ?? pack.lessons.length)).map((l) => l.id);
  if (ids.length === 0) return;
  const completedAt = (o.at ?? clock.now()).toISOString();
  await factsDb(t).insertInto("lessonProgress").values(ids.map((lessonId) => ({ userId, lessonId, completedAt }))).execute();
}

let attemptNo = 0;
/** A finished test attempt, as the quiz feature records it (ten minutes long unless told). */
export async function finishAttempt(t: Seedable, userId: string, o: { score: number; startedAt: Date; finishedAt?: Date; dueAt?: Date }): Promise<void> {
  const finishedAt = o.finishedAt ?? new Date(o.startedAt.getTime() + 10 * 60_000);
  await factsDb(t)
    .insertInto("quizAttempts")
    .values({
      id: randomUUID(),
      userId,
      attemptNo: ++attemptNo,
      status: "submitted",
      startedAt: o.startedAt.toISOString(),
      dueAt: (o.dueAt ?? new Date(o.startedAt.getTime() + 30 * 60_000)).toISOString(),
      finishedAt: finishedAt.toISOString(),
      score: o.score,
      correctCount: Math.round((o.score / 100) * 30),
      questionCount: 30,
    })
    .execute();
}
