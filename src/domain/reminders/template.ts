import type { Progress } from "../contest/participation";

/** Placeholders a reminder rule's title and body may use. */
export const RULE_PLACEHOLDERS = ["name", "stage", "deadline", "remaining", "unitPending", "unitCode"] as const;
/** Placeholders of a nudge from a unit lead. */
export const NUDGE_PLACEHOLDERS = ["name", "sender", "deadline", "remaining"] as const;
/** Placeholders of the Zalo template data mapping. */
export const CHANNEL_PLACEHOLDERS = ["title", "body", "link", "name"] as const;

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** Replace {key} with vars[key]; a key without a value is left visible so that a pack mistake shows. */
export function renderTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => (key in vars ? (vars[key] as string) : whole)).replace(/\s+/g, " ").trim();
}

/** Cut to at most `max` characters (by code point, so Vietnamese letters are never split), ending with "…". */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join("").trimEnd()}…`;
}

// "Finished" has one owner (the contest's participation rule); reminders word it, never restate it.
export { isFinished, type Progress } from "../contest/participation";

/** Share of the work done, 0..1: each lesson and the test count as one step. */
export function progressOf(p: Progress): number {
  const steps = p.lessonCount + 1;
  return (Math.min(p.lessonsDone, p.lessonCount) + (p.testDone ? 1 : 0)) / steps;
}

/** What is still to do, in words: "còn 3 bài học và bài kiểm tra". */
export function describeRemaining(p: Progress): string {
  const lessonsLeft = Math.max(0, p.lessonCount - p.lessonsDone);
  const parts: string[] = [];
  if (lessonsLeft > 0) parts.push(`${lessonsLeft} bài học`);
  if (!p.testDone) parts.push("bài kiểm tra");
  return parts.length ? `còn ${parts.join(" và ")}` : "đã hoàn thành";
}
