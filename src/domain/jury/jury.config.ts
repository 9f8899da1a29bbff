import { z } from "zod";

/** One rubric criterion: scored 0–10 in the pack's step; the description and anchors sit beside the slider. */
export const CriterionSchema = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, "khóa chỉ gồm chữ và số, bắt đầu bằng chữ thường"),
  name: z.string().min(1),
  description: z.string().min(1),
  weight: z.number().positive(),
  /** What a score means, e.g. { "0": "Không có", "5": "Có thử nghiệm", "10": "Dùng hằng ngày" }. */
  anchors: z.record(z.string().regex(/^(10|\d)$/), z.string().min(1)).default({}),
});
export type Criterion = z.infer<typeof CriterionSchema>;

export const RANKING_METHODS = ["judgeCentred", "rawMean", "medianRank", "borda"] as const;
export type RankingMethod = (typeof RANKING_METHODS)[number];

/** A tie-break key: one of the ranking methods, or the mean of one criterion ("criterion:impact"). */
export const TieBreakSchema = z.union([z.enum(RANKING_METHODS), z.string().regex(/^criterion:[a-z][a-zA-Z0-9_]*$/)]);
export type TieBreak = z.infer<typeof TieBreakSchema>;

const DEFAULT_RUBRIC: Criterion[] = [
  { key: "practicality", name: "Tính thực tiễn", description: "Giải pháp đang được dùng trong công việc hằng ngày của đơn vị.", weight: 0.3, anchors: { "0": "Chỉ là ý tưởng", "5": "Đã thử nghiệm", "10": "Dùng thường xuyên" } },
  { key: "impact", name: "Hiệu quả đo được", description: "Có số liệu trước/sau: thời gian, chi phí, chất lượng.", weight: 0.25, anchors: { "0": "Không có số liệu", "5": "Ước tính", "10": "Đo đạc rõ ràng" } },
  { key: "replicability", name: "Khả năng nhân rộng", description: "Đơn vị khác có thể áp dụng dễ dàng.", weight: 0.2, anchors: { "0": "Khó áp dụng", "10": "Áp dụng ngay" } },
  { key: "innovation", name: "Tính sáng tạo", description: "Cách tiếp cận mới so với cách làm cũ.", weight: 0.15, anchors: { "0": "Không mới", "10": "Rất mới" } },
  { key: "presentation", name: "Trình bày", description: "Hồ sơ rõ ràng, dễ hiểu.", weight: 0.1, anchors: { "0": "Khó hiểu", "10": "Rất rõ ràng" } },
];

export const JuryConfigSchema = z
  .object({
    rubric: z.array(CriterionSchema).min(1).default(DEFAULT_RUBRIC),
    /** Slider step (0–10 in steps of this). */
    step: z.number().positive().max(10).default(0.5),
    /** A criterion score ≤ low or ≥ high needs a comment. */
    extremes: z.object({ low: z.number().min(0).max(10).default(2), high: z.number().min(0).max(10).default(9) }).prefault({}),
    /** Final: drop `drop` highest and lowest totals once at least `minJudges` judges scored. */
    trimmedMean: z.object({ minJudges: z.number().int().min(1).default(5), drop: z.number().int().min(0).default(1) }).prefault({}),
    /** Applied in order after the primary (judge-centred) score; the entry code settles what remains. */
    tieBreak: z.array(TieBreakSchema).default(["medianRank", "borda", "criterion:impact"]),
    /** "Worked there in the last N years" counts as a conflict. */
    conflictLookbackYears: z.number().int().min(0).max(20).default(3),
    /** How many entries of round 1 go to the final. */
    finalists: z.number().int().min(1).default(6),
  })
  .superRefine((cfg, ctx) => {
    const keys = new Set(cfg.rubric.map((c) => c.key));
    if (keys.size !== cfg.rubric.length) ctx.addIssue({ code: "custom", path: ["rubric"], message: "khóa tiêu chí bị trùng" });
    cfg.tieBreak.forEach((t, i) => {
      if (t.startsWith("criterion:") && !keys.has(t.slice(10))) ctx.addIssue({ code: "custom", path: ["tieBreak", i], message: `không có tiêu chí ${t.slice(10)}` });
    });
    if (cfg.extremes.low >= cfg.extremes.high) ctx.addIssue({ code: "custom", path: ["extremes"], message: "low phải nhỏ hơn high" });
    if (cfg.trimmedMean.minJudges <= 2 * cfg.trimmedMean.drop) ctx.addIssue({ code: "custom", path: ["trimmedMean"], message: "minJudges phải lớn hơn 2 × drop" });
  });
export type JuryConfig = z.infer<typeof JuryConfigSchema>;
