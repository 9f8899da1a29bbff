import { describe, expect, it } from "vitest";
import type { Stage } from "../contest/contest.schema";
import { vnWallClock } from "../shared/time";
import { type ReminderRule, ReminderRuleSchema } from "./reminders.config";
import { durationMs, handledKey, occurrenceAt, occurrenceOf, planDueOccurrences, upcomingOccurrences } from "./schedule";

const stages: Stage[] = [
  { id: "stage1", name: "Giai đoạn 1", description: "", opensAt: "2026-05-28T01:00:00.000Z", closesAt: "2026-06-10T16:59:59.000Z" },
  { id: "stage2", name: "Giai đoạn 2", description: "", opensAt: "2026-06-11T17:00:00.000Z", closesAt: "2026-06-20T16:59:59.000Z" },
  { id: "stage3", name: "Giai đoạn 3", description: "", opensAt: "2026-06-20T17:00:00.000Z", closesAt: "2026-06-25T16:59:59.000Z" },
];

const rule = (r: Partial<ReminderRule> & Pick<ReminderRule, "id">): ReminderRule =>
  ReminderRuleSchema.parse({ stage: "stage1", edge: "closes", audience: "unfinished", title: "Nhắc", body: "Còn ít thời gian", ...r });

const close3d = rule({ id: "s1-close-3d", offset: "-3d", atVnTime: "08:00", group: "s1-close" });
const close1d = rule({ id: "s1-close-1d", offset: "-1d", atVnTime: "08:00", group: "s1-close" });
const close3h = rule({ id: "s1-close-3h", offset: "-3h", group: "s1-close" });
const opens = rule({ id: "s1-opens", edge: "opens", audience: "everyone" });
const rules = [opens, close3d, close1d, close3h];

describe("reminder schedule from the contest calendar", () => {
  it("reads signed offsets", () => {
    expect(durationMs("-3d")).toBe(-3 * 86400_000);
    expect(durationMs("6h")).toBe(6 * 3600_000);
    expect(durationMs("+30m")).toBe(30 * 60_000);
    expect(() => durationMs("soon")).toThrow();
  });

  it("places a rule at the stage edge plus the offset, moved to the Vietnam wall-clock time", () => {
    // Stage 1 closes 23:59:59 10/06 (Vietnam): three days before at 08:00 is 08:00 on 07/06.
    expect(occurrenceAt(close3d, stages)).toEqual(vnWallClock(2026, 6, 7, 8, 0));
    expect(occurrenceAt(close3h, stages)).toEqual(vnWallClock(2026, 6, 10, 20, 59, 59));
    expect(occurrenceAt(opens, stages)?.toISOString()).toBe("2026-05-28T01:00:00.000Z");
  });

  it("makes a reminder before a close expire at the close, and one after it expire after maxDelay", () => {
    expect(occurrenceOf(close1d, stages)?.expiresAt.toISOString()).toBe(stages[0]!.closesAt);
    const after = occurrenceOf(rule({ id: "after", offset: "+1d", maxDelay: "2h" }), stages)!;
    expect(after.expiresAt.getTime() - after.at.getTime()).toBe(2 * 3600_000);
    expect(after.deadlineAt.toISOString()).toBe(stages[0]!.closesAt);
  });

  it("sends what is due on time and nothing that is not due yet", () => {
    const now = new Date(vnWallClock(2026, 6, 7, 8, 0).getTime() + 60_000);
    const plan = planDueOccurrences(rules, stages, now, new Set([handledKey("s1-opens", "2026-05-28T01:00:00.000Z")]));
    expect(plan.map((p) => [p.rule.id, p.decision])).toEqual([["s1-close-3d", "send"]]);
  });

  it("catch-up: after downtime only the latest reminder of a group goes out; the rest are superseded", () => {
    // Down from 06/06 to 10/06 18:00: the 3-day and 1-day reminders were missed.
    const now = vnWallClock(2026, 6, 10, 18, 0);
    const handled = new Set([handledKey("s1-opens", "2026-05-28T01:00:00.000Z")]);
    const plan = planDueOccurrences(rules, stages, now, handled);
    expect(plan.map((p) => [p.rule.id, p.decision])).toEqual([
      ["s1-close-3d", "superseded"],
      ["s1-close-1d", "late"],
    ]);
    // At 21:00 the 3-hour one is due and on time; the two older ones are superseded by it.
    const later = planDueOccurrences(rules, stages, vnWallClock(2026, 6, 10, 21, 0), handled);
    expect(later.map((p) => [p.rule.id, p.decision])).toEqual([
      ["s1-close-3d", "superseded"],
      ["s1-close-1d", "superseded"],
      ["s1-close-3h", "send"],
    ]);
  });

  it("catch-up: an occurrence found after its maxDelay, or after the deadline, is dropped as late", () => {
    const now = new Date(Date.parse("2026-05-28T01:00:00.000Z") + 7 * 3600_000);
    expect(planDueOccurrences([opens], stages, now, new Set()).map((p) => p.decision)).toEqual(["late"]);
    const afterClose = new Date(Date.parse(stages[0]!.closesAt) + 60_000);
    expect(planDueOccurrences([rule({ id: "x", offset: "-5m", maxDelay: "1d" })], stages, afterClose, new Set()).map((p) => p.decision)).toEqual(["late"]);
  });

  it("never plans an occurrence twice once handled", () => {
    const now = vnWallClock(2026, 6, 30, 12, 0);
    const all = planDueOccurrences(rules, stages, now, new Set());
    const handled = new Set(all.map((p) => handledKey(p.rule.id, p.occurrence)));
    expect(planDueOccurrences(rules, stages, now, handled)).toEqual([]);
  });

  it("lists the reminders still ahead, soonest first", () => {
    expect(upcomingOccurrences(rules, stages, vnWallClock(2026, 6, 8, 0, 0)).map((o) => o.rule.id)).toEqual(["s1-close-1d", "s1-close-3h"]);
  });
});
