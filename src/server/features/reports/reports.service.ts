import type { AppContext } from "../../app-context";
import { reportsIncludeStaffPhones } from "../privacy";
import { currentBoards, formulaOf } from "../ranking";
import { bySubUnit, findUnit, summarise, unitDashboard, unitPeopleView } from "../units";
import { cityReportXlsx, unitReportXlsx } from "./report-workbooks";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "dialect" | "caches">;

/** The unit's official participation report: summary, rank, chart by sub-unit and one row per person. */
export async function unitReport(ctx: Ctx, code: string, now: Date) {
  const unit = findUnit(ctx, code);
  const [people, dashboard] = await Promise.all([unitPeopleView(ctx, unit.code), unitDashboard(ctx, unit.code)]);
  const file = await unitReportXlsx({
    contestName: ctx.pack.name,
    unit,
    generatedAt: now,
    lessonCount: ctx.pack.lessons.length,
    summary: { ...summarise(people, dashboard.headcount), headcount: dashboard.headcount },
    rank: dashboard.rank,
    bySubUnit: bySubUnit(people),
    people,
    // Staff phones only when an organiser turned them on (privacy settings: data minimisation).
    includeStaffPhones: await reportsIncludeStaffPhones(ctx.db),
  });
  return { unit, file };
}

/** For the department: every unit's roster size, participation, mean score and rank (the snapshot once closed). */
export async function cityReport(ctx: Ctx, now: Date): Promise<Buffer> {
  const current = await currentBoards(ctx);
  return cityReportXlsx({
    contestName: ctx.pack.name,
    generatedAt: current.source === "snapshot" ? new Date(current.generatedAt) : now,
    source: current.source,
    sha256: current.snapshot?.sha256 ?? null,
    formula: formulaOf(ctx.pack),
    boards: current.boards,
  });
}
