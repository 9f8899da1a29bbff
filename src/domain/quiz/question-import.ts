import { BankQuestionSchema, type BankQuestion } from "./question.schema";

/**
 * Row-by-row validation of a question sheet (CSV or the first XLSX sheet), shared by the
 * import CLI and its tests. Columns: id, lesson, difficulty, stem, option_a … option_f,
 * correct, explanation, lesson_moment_sec. Every problem names the row and the column.
 */

export const OPTION_COLUMNS = ["option_a", "option_b", "option_c", "option_d", "option_e", "option_f"] as const;
export const REQUIRED_COLUMNS = ["id", "lesson", "difficulty", "stem", "option_a", "option_b", "correct", "explanation", "lesson_moment_sec"] as const;

export type ImportProblem = { row: number; column: string | null; message: string };
export type LessonRef = { id: string; order: number; durationSec: number };
export type SheetRow = { row: number; cells: Record<string, string> };

const DIFFICULTY: Record<string, BankQuestion["difficulty"]> = {
  easy: "easy", medium: "medium", hard: "hard",
  "dễ": "easy", "trung bình": "medium", "khó": "hard",
};

/** Text that was UTF-8 read as Latin-1/Windows-125x once ("Ä‘", "Ã¡", "áº£") or lost bytes (U+FFFD). */
const MOJIBAKE = /\uFFFD|Ã[\u0080-\u00BF]|Ä[\u0080-\u00BF‘’“”]|Æ[\u0080-\u00BF°]|á[º»]|â€/;

/** Header cells → canonical column names ("Option A" → option_a). */
export function canonicalColumn(header: string): string {
  return header.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s-]+/g, "_");
}

function parseMoment(raw: string): number | null {
  const t = raw.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^(\d+):([0-5]\d)$/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function validateQuestionRows(headers: readonly string[], rows: readonly SheetRow[], lessons: readonly LessonRef[]): { questions: BankQuestion[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const columns = new Set(headers.map(canonicalColumn));
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length) return { questions: [], problems: [{ row: 1, column: null, message: `thiếu cột ${missing.join(", ")} ở dòng tiêu đề` }] };
  if (rows.length === 0) return { questions: [], problems: [{ row: 2, column: null, message: "tệp không có câu hỏi nào" }] };

  const lessonById = new Map(lessons.map((l) => [l.id, l]));
  const lessonByOrder = new Map(lessons.map((l) => [String(l.order), l]));
  const seenIds = new Map<string, number>();
  const questions: BankQuestion[] = [];

  for (const { row, cells } of rows) {
    const rowProblems: ImportProblem[] = [];
    const add = (column: string | null, message: string) => rowProblems.push({ row, column, message });
    const cell = (c: string) => (cells[c] ?? "").normalize("NFC").trim();
    for (const [column, value] of Object.entries(cells))
      if (MOJIBAKE.test(value)) add(column, "chữ tiếng Việt bị lỗi mã hoá — hãy lưu tệp dạng UTF-8 (CSV UTF-8)");

    const id = cell("id");
    if (!id) add("id", "thiếu mã câu hỏi");
    else if (!/^[A-Za-z0-9_-]+$/.test(id)) add("id", `mã "${id}" chỉ được gồm chữ không dấu, số, - và _`);
    else if (seenIds.has(id)) add("id", `mã "${id}" trùng với dòng ${seenIds.get(id)}`);
    else seenIds.set(id, row);

    const lessonRaw = cell("lesson");
    const lesson = lessonById.get(lessonRaw) ?? lessonByOrder.get(lessonRaw.replace(/^bài\s*/i, ""));
    if (!lessonRaw) add("lesson", "thiếu bài học");
    else if (!lesson) add("lesson", `không có bài học "${lessonRaw}" (dùng mã bài như ${lessons[0]?.id ?? "bai-01"} hoặc số thứ tự bài)`);

    const difficulty = DIFFICULTY[cell("difficulty").toLowerCase()];
    if (!difficulty) add("difficulty", `độ khó "${cell("difficulty")}" không hợp lệ (easy/medium/hard hoặc dễ/trung bình/khó)`);

    const stem = cell("stem");
    if (!stem) add("stem", "thiếu nội dung câu hỏi");

    const texts = OPTION_COLUMNS.map((c) => cell(c));
    const lastFilled = texts.reduce((last, t, i) => (t ? i : last), -1);
    const options = texts.slice(0, lastFilled + 1).map((text, i) => ({ id: "abcdef"[i] as string, text }));
    const gap = options.find((o) => !o.text);
    if (gap) add(`option_${gap.id}`, "phương án bị bỏ trống giữa các phương án khác");
    if (options.length < 2) add("option_b", "cần ít nhất 2 phương án");
    const dupe = options.find((o, i) => o.text && options.findIndex((p) => p.text.toLowerCase() === o.text.toLowerCase()) !== i);
    if (dupe) add(`option_${dupe.id}`, "hai phương án giống hệt nhau");

    const correctRaw = cell("correct").toLowerCase();
    if (!correctRaw) add("correct", "thiếu đáp án đúng");
    else if (!/^[a-f]$/.test(correctRaw))
      add("correct", /^[a-f]([\s,;/+&]*[a-f])+$/.test(correctRaw) ? `chỉ được đúng một đáp án (đang ghi "${cell("correct")}")` : `đáp án "${cell("correct")}" phải là một chữ từ a đến f`);
    else if (!options.some((o) => o.id === correctRaw && o.text)) add("correct", `đáp án "${correctRaw}" trỏ tới phương án bỏ trống`);

    const explanation = cell("explanation");
    if (!explanation) add("explanation", "thiếu giải thích");

    const moment = parseMoment(cell("lesson_moment_sec"));
    if (moment === null) add("lesson_moment_sec", `mốc thời gian "${cell("lesson_moment_sec")}" phải là số giây (vd 75) hoặc phút:giây (vd 1:15)`);
    else if (lesson && moment > lesson.durationSec) add("lesson_moment_sec", `mốc ${moment} giây vượt quá độ dài bài ${lesson.id} (${lesson.durationSec} giây)`);

    if (rowProblems.length === 0 && lesson && difficulty && moment !== null) {
      const parsed = BankQuestionSchema.safeParse({ id, lessonId: lesson.id, difficulty, stem, options, correctOptionId: correctRaw, explanation, lessonMomentSec: moment });
      if (parsed.success) questions.push(parsed.data);
      else for (const issue of parsed.error.issues) add(issue.path.join(".") || null, issue.message);
    }
    problems.push(...rowProblems);
  }
  return { questions, problems };
}

/** The report a person reads: one line per problem, rows in file order. */
export function formatImportReport(file: string, problems: readonly ImportProblem[], questionCount: number): string {
  if (problems.length === 0) return `✔ ${file}: ${questionCount} câu hỏi hợp lệ.`;
  const lines = [...problems]
    .sort((a, b) => a.row - b.row)
    .map((p) => `  - Dòng ${p.row}${p.column ? `, cột ${p.column}` : ""}: ${p.message}`);
  return [`✘ ${file}: ${problems.length} lỗi, chưa ghi tệp nào.`, ...lines].join("\n");
}
