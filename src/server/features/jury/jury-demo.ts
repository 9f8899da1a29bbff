import { createHash } from "node:crypto";
import type { JuryRound } from "../../../domain/jury/jury.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import { findUserById, type UserRow } from "../auth";
import { appointJudge, declareConflicts } from "./judges.service";
import { activeJudges } from "./jury.repository";
import { judgeSheets, roundEntries, saveSheet } from "./sheets.service";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "env">;

/** A plausible score on the pack's step, stable for one judge and entry (5 to 8.5 out of 10). */
function plausible(judgeId: string, entryId: string, key: string, step: number): number {
  const h = createHash("sha256").update(`${judgeId}:${entryId}:${key}`).digest()[0]!;
  const base = 5 + ((h % 8) * 0.5);
  return Math.round(base / step) * step;
}

/**
 * Demo only (AUTH_DEV), clearly marked in the demo panel: top the round up to the minimum number of
 * judges with people of the seeded city (from departments, never the organiser), declare "no other
 * conflicts" for those who have not declared, and fill every sheet not yet submitted with plausible
 * scores, through the same service calls a judge's phone makes (conflicts and locks still apply).
 */
export async function demoFillSheets(ctx: Ctx, actor: UserRow, roundId: JuryRound): Promise<{ judges: number; sheets: number }> {
  if (!ctx.env.AUTH_DEV) throw new AppError(403, "FORBIDDEN", "Demo only");
  const min = ctx.pack.jury.trimmedMean.minJudges;
  let judges = await activeJudges(ctx.db, roundId);
  if (judges.length < min) {
    const taken = new Set([actor.id, ...judges.map((j) => j.userId)]);
    // Departments with no entry in the round: no own-unit conflict takes a judge away from an entry.
    const entered = new Set((await roundEntries(ctx, roundId)).map((e) => e.unitCode));
    const departments = new Set(ctx.pack.units.filter((u) => u.kind === "so_nganh" && !entered.has(u.code)).map((u) => u.code));
    const people = departments.size
      ? await ctx.db.selectFrom("users").select("id").where("role", "=", "staff").where("fullName", "is not", null).where("unitCode", "in", [...departments]).orderBy("id").limit(min + taken.size).execute()
      : [];
    for (const p of people.filter((x) => !taken.has(x.id)).slice(0, min - judges.length)) await appointJudge(ctx, actor, roundId, p.id);
    judges = await activeJudges(ctx.db, roundId);
  }
  let sheets = 0;
  for (const j of judges) {
    const user = await findUserById(ctx.db, j.userId);
    if (!user) continue;
    if (!j.declaredAt) await declareConflicts(ctx, user, roundId, { conflicts: [] });
    const view = await judgeSheets(ctx, user, roundId);
    for (const e of view.entries) {
      if (e.sheet?.status === "submitted") continue;
      const scores = Object.fromEntries(view.rubric.map((c) => [c.key, { score: plausible(user.id, e.entryId, c.key, view.step), comment: "Nhận xét mẫu (bản trình diễn)" }]));
      await saveSheet(ctx, user, roundId, e.entryId, { scores, submit: true });
      sheets++;
    }
  }
  return { judges: judges.length, sheets };
}
