import { randomUUID } from "node:crypto";
import type { DemoClockRequest, DemoClockResponse } from "../../../domain/demo/demo.schema";
import type { AppContext } from "../../app-context";
import type { Db } from "../../db/database";
import { AppError } from "../../shared/app-error";
import type { UserRow } from "../auth";
import { ensureProgress, updateProgress } from "../learning";
import { invalidateLiveBoards } from "../ranking";
import { currentMoment, demoMoments, type OffsetClock, saveOffset } from "./demo-clock";
import { isDemoAccount } from "../auth";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "caches">;

export function clockState(ctx: Ctx, clock: OffsetClock): DemoClockResponse {
  const moments = demoMoments(ctx.pack.stages);
  const now = clock.now();
  return { now: now.toISOString(), offsetMs: clock.offsetMs(), moments, current: currentMoment(moments, now) };
}

/** Move the demo contest to a moment (or an instant); everything reading ctx.clock follows. */
export async function moveClock(ctx: Ctx, clock: OffsetClock, req: DemoClockRequest): Promise<DemoClockResponse> {
  const realNow = clock.now().getTime() - clock.offsetMs();
  let offset = 0;
  if ("moment" in req) {
    const m = demoMoments(ctx.pack.stages).find((x) => x.id === req.moment);
    if (!m) throw new AppError(404, "NOT_FOUND", "No such moment");
    offset = Date.parse(m.at) - realNow;
  } else if ("at" in req) offset = Date.parse(req.at) - realNow;
  await saveOffset(ctx.db, clock, offset);
  // A ranking computed at the old time must not be served at the new one.
  invalidateLiveBoards(ctx);
  return clockState(ctx, clock);
}

async function assertDemoAccount(db: Db, user: UserRow): Promise<void> {
  if (!(await isDemoAccount(db, user.id))) throw new AppError(403, "FORBIDDEN", "Only accounts made by the demo sign-in can use the demo panel");
}

/** Demo panel: mark every lesson of the pack as watched for this demo account (the rules stay honest for everyone else). */
export async function completeLessons(ctx: Ctx, user: UserRow): Promise<{ completed: number; total: number }> {
  await assertDemoAccount(ctx.db, user);
  const now = ctx.clock.now();
  const at = now.toISOString();
  let completed = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const lesson of ctx.pack.lessons) {
      await ensureProgress(trx, user.id, lesson.id, now);
      const d = lesson.durationSec;
      const res = await trx
        .updateTable("lessonProgress")
        .set({ completedAt: at })
        .where("userId", "=", user.id)
        .where("lessonId", "=", lesson.id)
        .where("completedAt", "is", null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) > 0) {
        completed += 1;
        await updateProgress(trx, user.id, lesson.id, { intervals: JSON.stringify([[0, d]]), watchedSec: d, coverage: 1, lastPosition: d, lastReportAt: at, updatedAt: at });
      }
    }
  });
  invalidateLiveBoards(ctx);
  return { completed, total: ctx.pack.lessons.length };
}

/**
 * A demo account that chose a unit with a list goes on it (as an accepted claim would), so its own
 * lessons and tests move the unit on the board (the seeded city gives every unit a list).
 * Organisers and judges stay off the lists.
 */
export async function placeDemoAccountOnList(ctx: Pick<AppContext, "db" | "caches">, user: UserRow, now: Date): Promise<void> {
  const { db } = ctx;
  if (!user.unitCode || (user.role !== "staff" && user.role !== "unit_lead")) return;
  if (!(await isDemoAccount(db, user.id))) return;
  const at = now.toISOString();
  const unitCode = user.unitCode;
  await db.transaction().execute(async (trx) => {
    // Only a unit that has a list: a unit without one is not ranked, and its lead's first upload starts it.
    const listed = await trx.selectFrom("rosterEntries").select("id").where("unitCode", "=", unitCode).where("source", "=", "import").limit(1).executeTakeFirst();
    if (!listed) return;
    const rows = await trx.selectFrom("rosterEntries").select(["id", "unitCode", "source"]).where("userId", "=", user.id).execute();
    if (rows.some((r) => r.unitCode === unitCode)) return;
    // Moved to another unit: the demo's own row follows; a matched list row elsewhere is left alone.
    if (rows.some((r) => r.source === "import")) return;
    await trx.deleteFrom("rosterEntries").where("userId", "=", user.id).where("source", "=", "claim").execute();
    await trx
      .insertInto("rosterEntries")
      .values({ id: randomUUID(), unitCode, rowKey: `demo:${user.id}`, fullName: user.fullName ?? "Người dùng thử", phone: null, position: user.position, subUnit: user.subUnit, userId: user.id, isLead: 0, source: "claim", createdAt: at, updatedAt: at })
      .execute();
  });
  invalidateLiveBoards(ctx);
}
