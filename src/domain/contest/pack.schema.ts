import { z } from "zod";
import { ContactSchema, PrizeSchema, StageIdSchema } from "./contest.schema";
import { JuryConfigSchema } from "../jury/jury.config";
import { EntriesConfigSchema } from "../entries/entries.config";
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

const MOBILE = /^0[35789]\d{8}$/;
/** A Vietnamese mobile (10 digits) or landline (0 + area code + number, 10–11 digits). */
const PHONE = /^0\d{9,10}$/;
const digits = (v: string) => v.replace(/[\s.\-()]/g, "").replace(/^\+84/, "0");

/**
 * A contact printed to every participant: an address that does not work is worse than none.
 * `unconfirmed`: the organiser still has to confirm it; it is left out of the app until then.
 */
export const PackContactSchema = ContactSchema.extend({ unconfirmed: z.boolean().optional() }).superRefine((c, ctx) => {
  const bad = (message: string) => ctx.addIssue({ code: "custom", path: ["value"], message });
  if (c.kind === "email" && !z.email().safeParse(c.value).success) bad(`"${c.value}" không phải địa chỉ thư điện tử hợp lệ`);
  if (c.kind === "phone" && !PHONE.test(digits(c.value))) bad(`"${c.value}" không phải số điện thoại hợp lệ (di động 10 số hoặc số cố định có mã vùng)`);
  if (c.kind === "zalo" && !MOBILE.test(digits(c.value))) bad(`"${c.value}" không phải số di động dùng cho Zalo (10 số, bắt đầu bằng 03, 05, 07, 08, 09)`);
});

/** assets/packs/<id>/contest.json. Paths are relative to that file. */
export const ContestPackFileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  shortName: z.string().min(1),
  organizer: z.string().min(1),
  description: z.string(),
  stages: z.array(PackStageSchema).length(3),
  /**
   * From this moment (within Stage 1) a unit lead's roster import no longer applies at once: it waits
   * for an organiser's approval, so a list cannot be trimmed to the people who took part.
   */
  rosterFreezeAt: DateSpecSchema,
  prizes: z.array(PrizeSchema),
  contacts: z.array(PackContactSchema).min(1),
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
  jury: JuryConfigSchema.prefault({}),
  /** Stage 2/3 submission rounds (entries feature). */
  entries: EntriesConfigSchema.prefault({}),
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
