import { z } from "zod";
import { ContactSchema, PrizeSchema, StageIdSchema } from "./contest.schema";
import { LearningConfigSchema } from "../learning/learning.config";
import { PrivacyConfigSchema } from "../privacy/privacy.config";
import { QuizBlueprintSchema } from "../quiz/quiz.config";
import { RankingConfigSchema } from "../ranking/ranking.config";
import { RemindersConfigSchema } from "../reminders/reminders.config";

/** An absolute ISO instant with offset, or a time relative to start-up ("+3d", "-2h") for demo packs. */
export const DateSpecSchema = z.union([
  z.iso.datetime({ offset: true }),
  z.object({ fromNow: z.string().regex(/^[+-]\d+[dhm]$/, 'dạng "+3d", "-2h" hoặc "+30m"') }),
]);
export type DateSpec = z.infer<typeof DateSpecSchema>;

export const PackStageSchema = z.object({
  id: StageIdSchema,
  name: z.string().min(1),
  description: z.string(),
  opensAt: DateSpecSchema,
  closesAt: DateSpecSchema,
});

/** assets/packs/<id>/contest.json. Paths are relative to that file. */
export const ContestPackFileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  shortName: z.string().min(1),
  organizer: z.string().min(1),
  description: z.string(),
  stages: z.array(PackStageSchema).length(3),
  prizes: z.array(PrizeSchema),
  contacts: z.array(ContactSchema).min(1),
  units: z.object({
    communes: z.string().min(1),
    departments: z.string().min(1),
  }),
  /** Folder with lessons.json, questions.json and media/. */
  content: z.string().min(1),
  learning: LearningConfigSchema.prefault({}),
  quiz: QuizBlueprintSchema.prefault({}),
  ranking: RankingConfigSchema.prefault({}),
  reminders: RemindersConfigSchema.prefault({}),
  privacy: PrivacyConfigSchema.prefault({}),
});
export type ContestPackFile = z.infer<typeof ContestPackFileSchema>;

/** One row of a units CSV (code,kind,name,full_name). */
export const UnitCsvRowSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{2,20}$/, "mã đơn vị chỉ gồm chữ, số, - và _ (2–20 ký tự)"),
  kind: z.enum(["xa", "phuong", "dac_khu", "so_nganh"]),
  name: z.string().min(1, "thiếu tên"),
  full_name: z.string().min(1, "thiếu tên đầy đủ"),
});
