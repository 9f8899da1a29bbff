import { describe, expect, it } from "vitest";
import { formatImportReport, validateQuestionRows, type SheetRow } from "./question-import";

const HEADERS = ["id", "lesson", "difficulty", "stem", "option_a", "option_b", "option_c", "option_d", "option_e", "option_f", "correct", "explanation", "lesson_moment_sec"];
const lessons = [
  { id: "bai-01", order: 1, durationSec: 44 },
  { id: "bai-02", order: 2, durationSec: 40 },
];
const good: Record<string, string> = {
  id: "q-1",
  lesson: "bai-01",
  difficulty: "easy",
  stem: "Khi dùng AI soạn công văn, ai chịu trách nhiệm về nội dung?",
  option_a: "Người ký ban hành văn bản",
  option_b: "Công cụ AI",
  option_c: "Nhà cung cấp phần mềm",
  option_d: "",
  option_e: "",
  option_f: "",
  correct: "A",
  explanation: "Trách nhiệm luôn thuộc về con người có thẩm quyền.",
  lesson_moment_sec: "0:30",
};
const rows = (...list: Record<string, string>[]): SheetRow[] => list.map((cells, i) => ({ row: i + 2, cells }));

describe("validateQuestionRows", () => {
  it("turns good rows into bank questions (lesson by id or number, Vietnamese difficulty, m:ss moments)", () => {
    const { questions, problems } = validateQuestionRows(HEADERS, rows(good, { ...good, id: "q-2", lesson: "2", difficulty: "Trung bình", lesson_moment_sec: "12" }), lessons);
    expect(problems).toEqual([]);
    expect(questions).toHaveLength(2);
    expect(questions[0]).toEqual({
      id: "q-1",
      lessonId: "bai-01",
      difficulty: "easy",
      stem: good.stem,
      options: [
        { id: "a", text: "Người ký ban hành văn bản" },
        { id: "b", text: "Công cụ AI" },
        { id: "c", text: "Nhà cung cấp phần mềm" },
      ],
      correctOptionId: "a",
      explanation: good.explanation,
      lessonMomentSec: 30,
    });
    expect(questions[1]).toMatchObject({ lessonId: "bai-02", difficulty: "medium", lessonMomentSec: 12 });
  });

  it("reports each bad row with its row number and column", () => {
    const { questions, problems } = validateQuestionRows(
      HEADERS,
      rows(
        { ...good, correct: "a,b" },
        { ...good, id: "q-3", option_b: "", option_c: "" },
        { ...good, id: "q-4", lesson: "bai-99" },
        { ...good, id: "q-1" },
        { ...good, id: "q-6", correct: "d" },
        { ...good, id: "q-7", option_b: "", option_d: "Phương án sau chỗ trống" },
        { ...good, id: "q-8", lesson_moment_sec: "90" },
        { ...good, id: "q-9", stem: "Ná»™i dung bá»‹ lá»—i" },
        { ...good, id: "q 10", difficulty: "siêu khó", explanation: "" },
      ),
      lessons,
    );
    expect(questions).toEqual([]);
    expect(problems).toEqual([
      { row: 2, column: "correct", message: 'chỉ được đúng một đáp án (đang ghi "a,b")' },
      { row: 3, column: "option_b", message: "cần ít nhất 2 phương án" },
      { row: 4, column: "lesson", message: 'không có bài học "bai-99" (dùng mã bài như bai-01 hoặc số thứ tự bài)' },
      { row: 5, column: "id", message: 'mã "q-1" trùng với dòng 2' },
      { row: 6, column: "correct", message: 'đáp án "d" trỏ tới phương án bỏ trống' },
      { row: 7, column: "option_b", message: "phương án bị bỏ trống giữa các phương án khác" },
      { row: 8, column: "lesson_moment_sec", message: "mốc 90 giây vượt quá độ dài bài bai-01 (44 giây)" },
      { row: 9, column: "stem", message: "chữ tiếng Việt bị lỗi mã hoá — hãy lưu tệp dạng UTF-8 (CSV UTF-8)" },
      { row: 10, column: "id", message: 'mã "q 10" chỉ được gồm chữ không dấu, số, - và _' },
      { row: 10, column: "difficulty", message: 'độ khó "siêu khó" không hợp lệ (easy/medium/hard hoặc dễ/trung bình/khó)' },
      { row: 10, column: "explanation", message: "thiếu giải thích" },
    ]);
  });

  it("refuses a sheet without the required columns or without rows", () => {
    expect(validateQuestionRows(["id", "stem"], rows(good), lessons).problems[0]).toMatchObject({ row: 1, message: expect.stringContaining("thiếu cột lesson") });
    expect(validateQuestionRows(HEADERS, [], lessons).problems).toEqual([{ row: 2, column: null, message: "tệp không có câu hỏi nào" }]);
  });

  it("normalises decomposed Vietnamese (NFD from some editors) to NFC", () => {
    const { questions } = validateQuestionRows(HEADERS, rows({ ...good, stem: good.stem!.normalize("NFD") }), lessons);
    expect(questions[0]!.stem).toBe(good.stem!.normalize("NFC"));
  });
});

describe("formatImportReport", () => {
  it("prints one Vietnamese line per problem, or a success line", () => {
    expect(formatImportReport("q.csv", [], 3)).toBe("✔ q.csv: 3 câu hỏi hợp lệ.");
    expect(formatImportReport("q.csv", [{ row: 4, column: "correct", message: "thiếu đáp án đúng" }, { row: 2, column: null, message: "x" }], 0)).toBe(
      "✘ q.csv: 2 lỗi, chưa ghi tệp nào.\n  - Dòng 2: x\n  - Dòng 4, cột correct: thiếu đáp án đúng",
    );
  });
});
