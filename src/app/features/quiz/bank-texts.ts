/** Vietnamese labels of the question bank pages. */
export const DIFFICULTY_LABEL = { easy: "Dễ", medium: "Trung bình", hard: "Khó" } as const;

export const VERSION_STATUS_LABEL = { draft: "Bản nháp", published: "Đang dùng", archived: "Đã thay" } as const;

/** The column names of the sheet, as the organiser reads them in the preview. */
export const COLUMN_LABEL: Record<string, string> = {
  id: "id (mã câu)",
  lesson: "lesson (bài học)",
  difficulty: "difficulty (độ khó)",
  stem: "stem (câu hỏi)",
  correct: "correct (đáp án đúng)",
  explanation: "explanation (giải thích)",
  lesson_moment_sec: "lesson_moment_sec (mốc thời gian)",
};
export const columnLabel = (c: string) => COLUMN_LABEL[c] ?? c;
