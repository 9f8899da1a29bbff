import { z } from "zod";

export const ItemAnalysisQuerySchema = z.object({
  /** first: each person's first finished attempt (Moodle's default); all: every finished attempt. */
  attempts: z.enum(["first", "all"]).default("first"),
});

const FlagSchema = z.enum(["too_hard", "too_easy", "low_discrimination", "key_avoided_by_strong", "distractor_unused", "distractor_attracts_strong"]);

export const ItemStatSchema = z.object({
  questionId: z.string(),
  lessonId: z.string().nullable(),
  difficulty: z.string().nullable(),
  stem: z.string(),
  n: z.number().int(),
  facility: z.number(),
  discrimination: z.number().nullable(),
  efficiency: z.number().nullable(),
  options: z.array(z.object({ optionId: z.string().nullable(), label: z.string(), isKey: z.boolean(), count: z.number().int(), share: z.number(), meanTotal: z.number().nullable() })),
  flags: z.array(FlagSchema),
});

export const ItemAnalysisResponseSchema = z.object({
  attempts: z.enum(["first", "all"]),
  test: z.object({
    attempts: z.number().int(),
    mean: z.number(),
    median: z.number(),
    sd: z.number(),
    kr20: z.number().nullable(),
    histogram: z.array(z.object({ total: z.number(), count: z.number().int() })),
  }),
  items: z.array(ItemStatSchema),
});
export type ItemAnalysisResponse = z.infer<typeof ItemAnalysisResponseSchema>;

export const WeakTopicsResponseSchema = z.object({
  unitCode: z.string(),
  lessons: z.array(z.object({ lessonId: z.string(), title: z.string(), unitAnswers: z.number().int(), unitShareRight: z.number().nullable(), cityShareRight: z.number().nullable() })),
});
export type WeakTopicsResponse = z.infer<typeof WeakTopicsResponseSchema>;
