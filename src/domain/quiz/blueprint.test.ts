import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blueprintProblems, lessonQuota } from "./blueprint";
import { QuizBlueprintSchema } from "./quiz.config";

const lessons = Array.from({ length: 14 }, (_, i) => `bai-${String(i + 1).padStart(2, "0")}`);

describe("lessonQuota", () => {
  it("spreads 30 questions over 14 lessons as 2 or 3 each, the extra ones spaced through the course", () => {
    const quota = lessonQuota(lessons, 30);
    expect([...quota.values()].reduce((a, b) => a + b, 0)).toBe(30);
    expect(new Set(quota.values())).toEqual(new Set([2, 3]));
    expect([...quota].filter(([, n]) => n === 3).map(([id]) => id)).toEqual(["bai-04", "bai-11"]);
    expect(lessonQuota(lessons, 30)).toEqual(quota);
  });

  it("always sums to the question count and never differs by more than one between lessons", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 200 }), (n, count) => {
        const ids = Array.from({ length: n }, (_, i) => `l${i}`);
        const values = [...lessonQuota(ids, count).values()];
        expect(values.reduce((a, b) => a + b, 0)).toBe(count);
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("uses an explicit per-lesson map as given", () => {
    const quota = lessonQuota(["a", "b", "c"], 5, { a: 3, b: 2 });
    expect([...quota]).toEqual([["a", 3], ["b", 2], ["c", 0]]);
  });
});

describe("blueprintProblems", () => {
  const bank = lessons.flatMap((lessonId) => Array.from({ length: 3 }, () => ({ lessonId })));

  it("accepts the default blueprint over a bank with enough questions per lesson", () => {
    expect(blueprintProblems(QuizBlueprintSchema.parse({}), lessons, bank)).toEqual([]);
  });

  it("names the lesson whose bank is too small, an unknown lesson and a wrong total", () => {
    const problems = blueprintProblems(QuizBlueprintSchema.parse({ questionCount: 6, perLesson: { "bai-01": 4, "bai-99": 1 } }), lessons, bank);
    expect(problems).toEqual([
      'quiz.perLesson: bài học "bai-99" không có trong lessons.json',
      "quiz.perLesson: tổng số câu (5) khác quiz.questionCount (6)",
      'bài "bai-01": đề cần 4 câu nhưng ngân hàng chỉ có 3',
    ]);
  });
});
