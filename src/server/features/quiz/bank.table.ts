import type { Selectable } from "kysely";

/** A version of the question bank; exactly one is "published" once the app has started. */
export interface QuizBankVersionsTable {
  version: number;
  status: "draft" | "published" | "archived";
  source: "pack" | "upload";
  fileName: string | null;
  questionCount: number;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
}
export type QuizBankVersionRow = Selectable<QuizBankVersionsTable>;

/** One question of one version: `data` is the whole BankQuestion as JSON. */
export interface QuizBankQuestionsTable {
  version: number;
  questionId: string;
  position: number;
  lessonId: string;
  difficulty: string;
  stem: string;
  data: string;
}

/** A retired question id: never drawn again, in any version. */
export interface QuizBankRetiredTable {
  questionId: string;
  retiredAt: string;
  retiredBy: string | null;
  reason: string | null;
}

/** The bank version a paper was drawn from (papers drawn before versions existed have none). */
export interface QuizPaperBankVersionsTable {
  attemptId: string;
  version: number;
}
