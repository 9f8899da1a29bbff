import type { LessonFile } from "../../../domain/learning/lesson.schema";
import type { LessonDetail, LessonDetailResponse, LessonListResponse, LessonProgress, LessonRules, ProgressRequest, ProgressResponse } from "../../../domain/learning/learning.schema";
import { isLessonLocked, learningSummary, lessonStatus } from "../../../domain/learning/lesson-status";
import { mediaUrl } from "../../../domain/learning/media-url";
import { applyReport, REPORT_EVERY_SEC } from "../../../domain/learning/progress-rules";
import type { AppContext } from "../../app-context";
import { groupCommitterOf } from "../../db/group-commit";
import type { Db } from "../../db/database";
import type { UserRow } from "../auth";
import { AppError } from "../../shared/app-error";
import { ensureProgress, findProgress, listProgressOfUser, parseIntervals, updateProgress } from "./lesson-progress.repository";
import type { LessonProgressRow } from "./lesson-progress.table";

type Ctx = Pick<AppContext, "db" | "dialect" | "pack" | "clock" | "env" | "caches">;

function rulesOf(ctx: Ctx): LessonRules {
  const { completionThreshold, requireOrder, blockForwardSeek, maxPlaybackRate } = ctx.pack.learning;
  return { completionThreshold, requireOrder, blockForwardSeek, maxPlaybackRate, reportEverySec: REPORT_EVERY_SEC };
}

function findLesson(ctx: Ctx, lessonId: string): LessonFile {
  const lesson = ctx.pack.lessons.find((l) => l.id === lessonId);
  if (!lesson) throw new AppError(404, "LESSON_NOT_FOUND", `Lesson ${lessonId} not found`);
  return lesson;
}

function completedIdsOf(rows: readonly LessonProgressRow[]): Set<string> {
  return new Set(rows.filter((r) => r.completedAt !== null).map((r) => r.lessonId));
}

function progressOf(lessonId: string, row: LessonProgressRow | undefined): LessonProgress {
  return {
    lessonId,
    intervals: row ? parseIntervals(row.intervals).map(([a, b]): [number, number] => [a, b]) : [],
    watchedSec: row?.watchedSec ?? 0,
    coverage: Math.min(1, row?.coverage ?? 0),
    lastPosition: row?.lastPosition ?? 0,
    completed: Boolean(row?.completedAt),
    completedAt: row?.completedAt ?? null,
  };
}

function assertUnlocked(ctx: Ctx, lessonId: string, completed: ReadonlySet<string>): void {
  if (isLessonLocked(ctx.pack.lessons, completed, lessonId, ctx.pack.learning.requireOrder))
    throw new AppError(423, "LESSON_LOCKED", "Complete the earlier lessons first");
}

/** What the lesson list and the lesson page both show of a lesson. */
function headOf(ctx: Ctx, l: LessonFile) {
  return { id: l.id, order: l.order, title: l.title, summary: l.summary, durationSec: l.durationSec, posterUrl: mediaUrl(ctx.env.MEDIA_BASE_URL, l.video.poster) };
}

function detailOf(ctx: Ctx, l: LessonFile): LessonDetail {
  const url = (p: string) => mediaUrl(ctx.env.MEDIA_BASE_URL, p);
  return {
    ...headOf(ctx, l),
    sources: l.video.sources.map((s) => ({ src: url(s.src), type: s.type })),
    subtitlesUrl: url(l.video.subtitles),
    captionsInVideo: l.video.captionsInVideo,
    transcript: l.transcript,
    keyPoints: l.keyPoints,
    checkpoints: l.checkpoints,
  };
}

export async function listLessons(ctx: Ctx, user: UserRow): Promise<LessonListResponse> {
  const rows = await listProgressOfUser(ctx.db, user.id);
  const byLesson = new Map(rows.map((r) => [r.lessonId, r]));
  const completed = completedIdsOf(rows);
  const { lessons, learning } = ctx.pack;
  return {
    lessons: lessons.map((l) => {
      const row = byLesson.get(l.id);
      return {
        ...headOf(ctx, l),
        status: lessonStatus(row),
        coverage: Math.min(1, row?.coverage ?? 0),
        completedAt: row?.completedAt ?? null,
        locked: isLessonLocked(lessons, completed, l.id, learning.requireOrder),
      };
    }),
    ...learningSummary(lessons.map((l) => l.id), completed),
    rules: rulesOf(ctx),
  };
}

/** Opening a lesson also starts its plausibility clock (the first report is measured from here). */
export async function openLesson(ctx: Ctx, user: UserRow, lessonId: string): Promise<LessonDetailResponse> {
  const lesson = findLesson(ctx, lessonId);
  const rows = await listProgressOfUser(ctx.db, user.id);
  const completed = completedIdsOf(rows);
  assertUnlocked(ctx, lessonId, completed);
  let row = rows.find((r) => r.lessonId === lessonId);
  if (!row?.lastReportAt) {
    await ensureProgress(ctx.db, user.id, lessonId, ctx.clock.now());
    row = await findProgress(ctx.db, user.id, lessonId);
  }
  const { lessons, learning } = ctx.pack;
  const nextLesson = lessons[lessons.indexOf(lesson) + 1];
  return {
    lesson: detailOf(ctx, lesson),
    progress: progressOf(lessonId, row),
    rules: rulesOf(ctx),
    next: nextLesson ? { id: nextLesson.id, title: nextLesson.title, locked: isLessonLocked(lessons, completed, nextLesson.id, learning.requireOrder) } : null,
    ...pick(learningSummary(lessons.map((l) => l.id), completed)),
  };
}

const pick = (s: { completedCount: number; total: number }) => ({ completedCount: s.completedCount, total: s.total });

/**
 * Merge a report into the person's progress and decide completion, in one transaction so two
 * reports at once (two tabs, a replayed outbox) cannot lose each other's seconds. On SQLite the
 * transaction is the app's group commit (shared with answer saves): reports arriving together
 * share one fsync, and each is answered only once that commit is on disk.
 */
export async function recordProgress(ctx: Ctx, user: UserRow, lessonId: string, report: ProgressRequest): Promise<ProgressResponse> {
  const lesson = findLesson(ctx, lessonId);
  const now = ctx.clock.now();
  // PostgreSQL creates the row before its checks (mergeReport), which a shared batch could not take back.
  const committer = ctx.dialect === "sqlite" ? groupCommitterOf(ctx) : null;
  return committer ? committer.run((trx) => mergeReport(ctx, trx, user, lesson, report, now)) : ctx.db.transaction().execute((trx) => mergeReport(ctx, trx, user, lesson, report, now));
}

/**
 * Checks first, writes last (the group committer relies on it: a refused report must not leave a
 * write in the shared batch). PostgreSQL locks the person's rows; SQLite runs one transaction at a time.
 */
async function mergeReport(ctx: Ctx, trx: Db, user: UserRow, lesson: LessonFile, report: ProgressRequest, now: Date): Promise<ProgressResponse> {
  const lessonId = lesson.id;
  const forUpdate = ctx.dialect === "postgres";
  // Usually two statements: this read (locking the person's rows) and the update below.
  const rows = await listProgressOfUser(trx, user.id, { forUpdate });
  assertUnlocked(ctx, lessonId, completedIdsOf(rows));
  let row = rows.find((r) => r.lessonId === lessonId);
  const fresh = !row?.lastReportAt;
  if (fresh && forUpdate) {
    // PostgreSQL: create the row first so a concurrent first report waits on its lock and then merges.
    await ensureProgress(trx, user.id, lessonId, now);
    row = await findProgress(trx, user.id, lessonId, { forUpdate });
    if (!row) throw new Error(`lesson_progress row for ${user.id}/${lessonId} vanished`);
  }
  // Reported without opening (or a contract-only row): the clock starts now, so only the grace is allowed.
  const result = applyReport(
    { intervals: parseIntervals(row?.intervals ?? "[]"), lastPosition: row?.lastPosition ?? 0, completedAt: row?.completedAt ?? null, lastReportAt: row?.lastReportAt ?? now.toISOString() },
    report,
    lesson,
    ctx.pack.learning,
    now,
  );
  if (!result.ok) {
    throw new AppError(422, "PROGRESS_IMPLAUSIBLE", `Report adds ${result.addedSec.toFixed(1)} s of video; at most ${result.allowedSec.toFixed(1)} s possible since the last report`);
  }
  if (fresh && !forUpdate) await ensureProgress(trx, user.id, lessonId, now);
  const { state } = result;
  await updateProgress(trx, user.id, lessonId, {
    intervals: JSON.stringify(state.intervals),
    watchedSec: result.watchedSec,
    coverage: result.coverage,
    lastPosition: state.lastPosition,
    lastReportAt: state.lastReportAt,
    completedAt: state.completedAt,
    updatedAt: now.toISOString(),
  });
  const completed = completedIdsOf(rows);
  if (state.completedAt) completed.add(lessonId);
  const summary = learningSummary(ctx.pack.lessons.map((l) => l.id), completed);
  return {
    lessonId,
    intervals: state.intervals.map(([a, b]): [number, number] => [a, b]),
    watchedSec: result.watchedSec,
    coverage: result.coverage,
    lastPosition: state.lastPosition,
    completed: state.completedAt !== null,
    completedAt: state.completedAt,
    justCompleted: result.justCompleted,
    ...pick(summary),
  };
}
