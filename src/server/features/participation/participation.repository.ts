import { type RawBuilder, sql } from "kysely";
import type { ParticipationScope } from "../../../domain/contest/participation";
import type { UnitStats } from "../../../domain/ranking/ranking";
import type { Db, Dialect } from "../../db/database";

/**
 * The participation feature's SQL. Reads learning's `lesson_progress` and quiz's `quiz_attempts`
 * through the shared contract only: a lesson counts once `completed_at` is set (by `cutoff`), the
 * test once an attempt started by `cutoff` has `finished_at`; the counted score follows the pack
 * (best, first or last attempt). The per-unit totals group by units' `roster_entries` (unit_code,
 * user_id). Plain SQL common to SQLite and PostgreSQL; aliases are snake_case (the CamelCasePlugin
 * maps results).
 */
export type { ParticipationScope };

/** Restrict to users (a sub-select or list of user ids), or everyone. */
export type UserFilter = RawBuilder<unknown> | null;

function lessonsCte(scope: ParticipationScope, users: UserFilter) {
  return sql`
    SELECT lp.user_id, COUNT(*) AS lessons_done, MAX(lp.completed_at) AS lessons_at
    FROM lesson_progress lp
    WHERE lp.completed_at IS NOT NULL
      AND lp.completed_at <= ${scope.cutoff}
      AND lp.lesson_id IN (${sql.join(scope.lessonIds.map((id) => sql`${id}`))})
      ${users ? sql`AND lp.user_id IN (${users})` : sql``}
    GROUP BY lp.user_id`;
}

function testsCte(scope: ParticipationScope, users: UserFilter) {
  const where = sql`qa.finished_at IS NOT NULL AND qa.started_at <= ${scope.cutoff} ${users ? sql`AND qa.user_id IN (${users})` : sql``}`;
  if (scope.counted === "best") {
    return sql`
      SELECT qa.user_id, MAX(qa.score) AS counted_score, MIN(qa.finished_at) AS first_finished
      FROM quiz_attempts qa WHERE ${where}
      GROUP BY qa.user_id`;
  }
  const order = scope.counted === "first" ? sql`qa.started_at ASC, qa.id ASC` : sql`qa.started_at DESC, qa.id DESC`;
  return sql`
    SELECT ranked.user_id, MAX(CASE WHEN ranked.rn = 1 THEN ranked.score END) AS counted_score, MIN(ranked.finished_at) AS first_finished
    FROM (
      SELECT qa.user_id, qa.score, qa.finished_at, ROW_NUMBER() OVER (PARTITION BY qa.user_id ORDER BY ${order}) AS rn
      FROM quiz_attempts qa WHERE ${where}
    ) ranked
    GROUP BY ranked.user_id`;
}

/** The later of two ISO texts (no GREATEST in SQLite, no two-argument MAX in PostgreSQL). */
const later = (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => sql`CASE WHEN ${a} > ${b} THEN ${a} ELSE ${b} END`;

/** A unit's figures as the ranking reads them (its names and board come from the pack). */
export type UnitAggregate = Omit<UnitStats, "name" | "fullName" | "board">;

/** Like the PostgreSQL session settings below, for one transaction only. */
async function inTunedRead<T>(db: Db, dialect: Dialect, run: (db: Db) => Promise<T>): Promise<T> {
  if (dialect !== "postgres") return run(db);
  return db.transaction().execute(async (trx) => {
    // One large read: JIT compilation costs more than it saves here, and the per-person groups should hash in memory.
    await sql`SET LOCAL jit = off`.execute(trx);
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    return run(trx);
  });
}

/**
 * One row per unit that has a roster, straight from every completion and attempt of the city.
 * Exact by construction; the fallback when the summaries are not available, and their test oracle.
 */
export async function aggregateUnitsRaw(db: Db, scope: ParticipationScope, dialect: Dialect): Promise<UnitAggregate[]> {
  const n = scope.lessonIds.length;
  const query = sql<Record<string, unknown>>`
    WITH l AS (${lessonsCte(scope, null)}),
    t AS (${testsCte(scope, null)}),
    p AS (
      SELECT r.unit_code, r.user_id,
        CASE WHEN l.lessons_done >= ${n} THEN 1 ELSE 0 END AS lessons_ok,
        CASE WHEN t.user_id IS NULL THEN 0 ELSE 1 END AS test_ok,
        t.counted_score, l.lessons_at, t.first_finished
      FROM roster_entries r
      LEFT JOIN l ON l.user_id = r.user_id
      LEFT JOIN t ON t.user_id = r.user_id
    )
    SELECT unit_code,
      COUNT(*) AS roster_count,
      COUNT(user_id) AS signed_in,
      SUM(lessons_ok) AS lessons_done,
      SUM(test_ok) AS test_done,
      SUM(lessons_ok * test_ok) AS participants,
      AVG(counted_score) AS mean_score,
      MAX(CASE WHEN lessons_ok = 1 AND test_ok = 1 THEN ${later(sql`lessons_at`, sql`first_finished`)} END) AS reached_at
    FROM p
    GROUP BY unit_code`;
  const result = await inTunedRead(db, dialect, (d) => query.execute(d));
  return toAggregates(result.rows);
}

function toAggregates(rows: Record<string, unknown>[]): UnitAggregate[] {
  return rows.map((r) => ({
    unitCode: String(r.unitCode),
    rosterCount: Number(r.rosterCount),
    signedIn: Number(r.signedIn),
    lessonsDone: Number(r.lessonsDone ?? 0),
    testDone: Number(r.testDone ?? 0),
    participants: Number(r.participants ?? 0),
    meanScore: r.meanScore === null || r.meanScore === undefined ? null : Number(r.meanScore),
    reachedAt: (r.reachedAt as string | null) ?? null,
  }));
}

export type PersonFacts = {
  userId: string;
  lessonsDone: number;
  lessonsAt: string | null;
  testDone: boolean;
  countedScore: number | null;
  firstFinished: string | null;
};

/** What each of these people has done within the scope; only people with any activity have a row. */
export async function selectProgress(db: Db, scope: ParticipationScope, users: UserFilter): Promise<PersonFacts[]> {
  const result = await sql<Record<string, unknown>>`
    WITH l AS (${lessonsCte(scope, users)}),
    t AS (${testsCte(scope, users)})
    SELECT a.user_id, COALESCE(l.lessons_done, 0) AS lessons_done, l.lessons_at, t.user_id AS tested_user, t.counted_score, t.first_finished
    FROM (SELECT user_id FROM l UNION SELECT user_id FROM t) a
    LEFT JOIN l ON l.user_id = a.user_id
    LEFT JOIN t ON t.user_id = a.user_id`.execute(db);
  return result.rows.map((r) => ({
    userId: String(r.userId),
    lessonsDone: Number(r.lessonsDone ?? 0),
    lessonsAt: (r.lessonsAt as string | null) ?? null,
    testDone: r.testedUser !== null && r.testedUser !== undefined,
    countedScore: r.countedScore === null || r.countedScore === undefined ? null : Number(r.countedScore),
    firstFinished: (r.firstFinished as string | null) ?? null,
  }));
}

// ---- Per-person summaries -------------------------------------------------------------------

/** The summary rows of some people (or everyone with any activity), as an INSERT … SELECT. */
function insertSummaries(scope: ParticipationScope, users: UserFilter, now: string) {
  return sql`
    INSERT INTO participation_summary (user_id, lessons_done, lessons_at, tested, counted_score, first_finished, updated_at)
    WITH l AS (${lessonsCte(scope, users)}),
    t AS (${testsCte(scope, users)})
    SELECT a.user_id, COALESCE(l.lessons_done, 0), l.lessons_at, CASE WHEN t.user_id IS NULL THEN 0 ELSE 1 END, t.counted_score, t.first_finished, ${now}
    FROM (SELECT user_id FROM l UNION SELECT user_id FROM t) a
    LEFT JOIN l ON l.user_id = a.user_id
    LEFT JOIN t ON t.user_id = a.user_id`;
}

const SCOPE_ROW = "current";
const DIRTY_BATCH = 2000;
const TRIGGER_COUNT = 6;

/** Per app (on its context): whether the summaries can be used, and the one refresh running (never two at once). */
export type ParticipationCache = { summaries: Promise<boolean> | null; refreshing: Promise<void> | null };
export const createParticipationCache = (): ParticipationCache => ({ summaries: null, refreshing: null });

/**
 * The summaries need the triggers on the learning and quiz tables (created by the frozen units
 * migration under the name units_dirty_*, owned by this feature since); a database migrated before
 * they existed (or whose tables were rebuilt) ranks from the raw facts.
 */
export function summariesAvailable(db: Db, dialect: Dialect, cache: ParticipationCache): Promise<boolean> {
  let mode = cache.summaries;
  if (!mode) {
    const count =
      dialect === "postgres"
        ? sql<{ n: number }>`SELECT COUNT(*) AS n FROM pg_trigger WHERE tgname LIKE 'units_dirty_%'`.execute(db)
        : sql<{ n: number }>`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'units_dirty_%'`.execute(db);
    mode = count.then((r) => Number(r.rows[0]?.n ?? 0) === TRIGGER_COUNT).catch(() => false);
    cache.summaries = mode;
  }
  return mode;
}

/** Bring the summaries up to date: rebuild them if the scope changed, then recompute dirty people. */
export function refreshSummaries(db: Db, scope: ParticipationScope, dialect: Dialect, now: Date, cache: ParticipationCache): Promise<void> {
  if (cache.refreshing) return cache.refreshing;
  const run = doRefresh(db, scope, dialect, now).finally(() => {
    cache.refreshing = null;
  });
  cache.refreshing = run;
  return run;
}

/** Remove exactly these marks: one bumped meanwhile (a newer version) stays for the next round. */
async function deleteMarks(db: Db, marks: ReadonlyArray<{ userId: string; version: number }>): Promise<void> {
  for (let i = 0; i < marks.length; i += DIRTY_BATCH) {
    const pairs = sql.join(marks.slice(i, i + DIRTY_BATCH).map((d) => sql`(${d.userId}, CAST(${d.version} AS integer))`));
    await sql`DELETE FROM participation_dirty WHERE (user_id, version) IN (VALUES ${pairs})`.execute(db);
  }
}

async function doRefresh(db: Db, scope: ParticipationScope, dialect: Dialect, now: Date): Promise<void> {
  const at = now.toISOString();
  const key = JSON.stringify(scope);
  const meta = await db.selectFrom("participationMeta").select("scope").where("id", "=", SCOPE_ROW).executeTakeFirst();
  if (meta?.scope !== key) {
    await db.transaction().execute(async (trx) => {
      if (dialect === "postgres") {
        await sql`SET LOCAL jit = off`.execute(trx);
        await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
      }
      // Marks made before the rebuild reads the facts are covered by it; later ones (another version) stay.
      const covered = await trx.selectFrom("participationDirty").select(["userId", "version"]).execute();
      await trx.deleteFrom("participationSummary").execute();
      await insertSummaries(scope, null, at).execute(trx);
      await deleteMarks(trx, covered);
      await trx
        .insertInto("participationMeta")
        .values({ id: SCOPE_ROW, scope: key, builtAt: at })
        .onConflict((oc) => oc.column("id").doUpdateSet({ scope: key, builtAt: at }))
        .execute();
    });
  }
  // Bounded: a person being marked again and again cannot keep us here.
  for (let round = 0; round < 50; round++) {
    const dirty = await db.selectFrom("participationDirty").select(["userId", "version"]).orderBy("userId").limit(DIRTY_BATCH).execute();
    if (dirty.length === 0) return;
    const ids = dirty.map((d) => d.userId);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("participationSummary").where("userId", "in", ids).execute();
      await insertSummaries(scope, sql.join(ids.map((id) => sql`${id}`)), at).execute(trx);
      await deleteMarks(trx, dirty);
    });
    if (dirty.length < DIRTY_BATCH) return;
  }
}

/**
 * One row per unit that has a roster: the live leaderboard and the Stage 1 close. Reads one
 * summary row per person (after recomputing whoever changed), or the raw facts as a fallback.
 */
export async function aggregateUnits(db: Db, scope: ParticipationScope, dialect: Dialect, now: Date, cache: ParticipationCache): Promise<UnitAggregate[]> {
  if (!(await summariesAvailable(db, dialect, cache))) return aggregateUnitsRaw(db, scope, dialect);
  await refreshSummaries(db, scope, dialect, now, cache);
  const n = scope.lessonIds.length;
  const done = sql`s.lessons_done >= ${n} AND s.tested = 1`;
  const result = await inTunedRead(db, dialect, (d) =>
    sql<Record<string, unknown>>`
      SELECT r.unit_code,
        COUNT(*) AS roster_count,
        COUNT(r.user_id) AS signed_in,
        SUM(CASE WHEN s.lessons_done >= ${n} THEN 1 ELSE 0 END) AS lessons_done,
        SUM(CASE WHEN s.tested = 1 THEN 1 ELSE 0 END) AS test_done,
        SUM(CASE WHEN ${done} THEN 1 ELSE 0 END) AS participants,
        AVG(s.counted_score) AS mean_score,
        MAX(CASE WHEN ${done} THEN ${later(sql`s.lessons_at`, sql`s.first_finished`)} END) AS reached_at
      FROM roster_entries r
      LEFT JOIN participation_summary s ON s.user_id = r.user_id
      GROUP BY r.unit_code`.execute(d),
  );
  return toAggregates(result.rows);
}

