import type { BankQuestion } from "./question.schema";
import type { QuizBlueprint } from "./quiz.config";

/**
 * How many questions each lesson contributes to a paper. With an explicit `perLesson` map that
 * map is used as is; otherwise every lesson gets ⌊count/n⌋ and the remainder goes to lessons
 * spaced evenly through the course (30 over 14 lessons: lessons 4 and 11 get 3, the rest 2).
 * Deterministic, so every paper has the same shape.
 */
export function lessonQuota(lessonIds: readonly string[], questionCount: number, perLesson?: Readonly<Record<string, number>>): Map<string, number> {
  const quota = new Map<string, number>();
  if (perLesson) {
    for (const id of lessonIds) quota.set(id, perLesson[id] ?? 0);
    return quota;
  }
  const n = lessonIds.length;
  if (n === 0) return quota;
  const base = Math.floor(questionCount / n);
  const rest = questionCount % n;
  const extra = new Set<number>();
  for (let k = 0; k < rest; k++) extra.add(Math.floor(((k + 0.5) * n) / rest));
  lessonIds.forEach((id, i) => quota.set(id, base + (extra.has(i) ? 1 : 0)));
  return quota;
}

/** Problems that would make a paper impossible to draw, in Vietnamese for whoever edits the pack. */
export function blueprintProblems(blueprint: QuizBlueprint, lessonIds: readonly string[], bank: readonly Pick<BankQuestion, "lessonId">[]): string[] {
  const problems: string[] = [];
  const known = new Set(lessonIds);
  if (blueprint.perLesson) {
    for (const id of Object.keys(blueprint.perLesson))
      if (!known.has(id)) problems.push(`quiz.perLesson: bài học "${id}" không có trong lessons.json`);
    const sum = Object.values(blueprint.perLesson).reduce((a, b) => a + b, 0);
    if (sum !== blueprint.questionCount) problems.push(`quiz.perLesson: tổng số câu (${sum}) khác quiz.questionCount (${blueprint.questionCount})`);
  }
  const available = new Map<string, number>();
  for (const q of bank) available.set(q.lessonId, (available.get(q.lessonId) ?? 0) + 1);
  for (const [id, need] of lessonQuota(lessonIds, blueprint.questionCount, blueprint.perLesson))
    if ((available.get(id) ?? 0) < need) problems.push(`bài "${id}": đề cần ${need} câu nhưng ngân hàng chỉ có ${available.get(id) ?? 0}`);
  return problems;
}
