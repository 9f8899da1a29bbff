import { z } from "zod";

export const QuestionOptionSchema = z.object({ id: z.string().regex(/^[a-f]$/), text: z.string().min(1) });

/** One question of the bank (<content>/questions.json). Never sent to a taker as is: it holds the key. */
export const BankQuestionSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]+$/),
    lessonId: z.string().min(1),
    difficulty: z.enum(["easy", "medium", "hard"]),
    stem: z.string().min(1),
    options: z.array(QuestionOptionSchema).min(2).max(6),
    correctOptionId: z.string(),
    explanation: z.string().min(1),
    lessonMomentSec: z.number().int().min(0),
  })
  .superRefine((q, ctx) => {
    const ids = q.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["options"], message: "mã phương án bị trùng" });
    if (!ids.includes(q.correctOptionId))
      ctx.addIssue({ code: "custom", path: ["correctOptionId"], message: "đáp án đúng phải là một trong các phương án" });
  });
export type BankQuestion = z.infer<typeof BankQuestionSchema>;
