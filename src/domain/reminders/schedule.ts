import type { Stage } from "../contest/contest.schema";
import { vnParts, vnWallClock } from "../shared/time";
import type { ReminderRule } from "./reminders.config";

const UNIT_MS = { d: 86400_000, h: 3600_000, m: 60_000 } as const;

/** "-3d" → −259200000; "6h" → 21600000. */
export function durationMs(spec: string): number {
  const m = /^([+-]?)(\d+)([dhm])$/.exec(spec);
  if (!m) throw new Error(`Không hiểu khoảng thời gian "${spec}"`);
  return (m[1] === "-" ? -1 : 1) * Number(m[2]) * UNIT_MS[m[3] as keyof typeof UNIT_MS];
}

/** The moment a rule fires: the stage edge plus the offset, then moved to atVnTime on that Vietnam day. */
export function occurrenceAt(rule: ReminderRule, stages: readonly Stage[]): Date | null {
  const stage = stages.find((s) => s.id === rule.stage);
  if (!stage) return null;
  const anchor = Date.parse(rule.edge === "opens" ? stage.opensAt : stage.closesAt);
  const at = new Date(anchor + durationMs(rule.offset));
  if (!rule.atVnTime) return at;
  const [h, min] = rule.atVnTime.split(":").map(Number) as [number, number];
  const p = vnParts(at);
  return vnWallClock(p.year, p.month, p.day, h, min);
}

/** The outbox key part that makes one firing of a rule unique (with rule id and person). */
export function occurrenceKey(at: Date): string {
  return at.toISOString();
}

export type Occurrence = {
  rule: ReminderRule;
  at: Date;
  occurrence: string;
  /** The deadline the reminder is about: the close of the rule's stage. Earlier deadlines go first under the cap. */
  deadlineAt: Date;
  /** After this the message is pointless and is not pushed any more. */
  expiresAt: Date;
};

export function occurrenceOf(rule: ReminderRule, stages: readonly Stage[]): Occurrence | null {
  const at = occurrenceAt(rule, stages);
  const stage = stages.find((s) => s.id === rule.stage);
  if (!at || !stage) return null;
  const closes = new Date(stage.closesAt);
  // Before the close, a reminder lives until the close; after it (e.g. "results are out"), for maxDelay.
  const expiresAt = at.getTime() < closes.getTime() ? closes : new Date(at.getTime() + durationMs(rule.maxDelay));
  return { rule, at, occurrence: occurrenceKey(at), deadlineAt: closes, expiresAt };
}

export type Decision = "send" | "superseded" | "late";
export type PlannedOccurrence = Occurrence & { decision: Decision };

/**
 * The catch-up rule. Of the occurrences that are due (moment ≤ now) and not yet handled:
 * within a group only the latest is kept (the others are "superseded": after downtime a person
 * gets "closes in 3 hours", not also "in 1 day" and "in 3 days"); a kept one found later than its
 * maxDelay, or after it expired, is "late" and dropped. Everything else is sent.
 */
export function planDueOccurrences(rules: readonly ReminderRule[], stages: readonly Stage[], now: Date, handled: ReadonlySet<string>): PlannedOccurrence[] {
  const due = rules
    .map((r) => occurrenceOf(r, stages))
    .filter((o): o is Occurrence => o !== null && o.at.getTime() <= now.getTime() && !handled.has(handledKey(o.rule.id, o.occurrence)));
  const latestOfGroup = new Map<string, Occurrence>();
  for (const o of due) {
    const g = o.rule.group ?? `rule:${o.rule.id}`;
    const cur = latestOfGroup.get(g);
    if (!cur || o.at.getTime() > cur.at.getTime()) latestOfGroup.set(g, o);
  }
  return due
    .map((o): PlannedOccurrence => {
      const kept = latestOfGroup.get(o.rule.group ?? `rule:${o.rule.id}`) === o;
      if (!kept) return { ...o, decision: "superseded" };
      const tooLate = now.getTime() > o.at.getTime() + durationMs(o.rule.maxDelay) || now.getTime() >= o.expiresAt.getTime();
      return { ...o, decision: tooLate ? "late" : "send" };
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function handledKey(ruleId: string, occurrence: string): string {
  return `${ruleId}@${occurrence}`;
}

/** Occurrences still ahead, soonest first (for the operator view). */
export function upcomingOccurrences(rules: readonly ReminderRule[], stages: readonly Stage[], now: Date): Occurrence[] {
  return rules
    .map((r) => occurrenceOf(r, stages))
    .filter((o): o is Occurrence => o !== null && o.at.getTime() > now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
