import { z } from "zod";

export const CheckpointSchema = z
  .object({
    atSec: z.number().int().min(0),
    question: z.string().min(1),
    options: z.array(z.string().min(1)).min(2).max(4),
    correctIndex: z.number().int().min(0),
    explanation: z.string().min(1),
  })
  .refine((c) => c.correctIndex < c.options.length, { message: "correctIndex nằm ngoài danh sách phương án", path: ["correctIndex"] });

/** One lesson in <content>/lessons.json. Media paths are relative to the content folder. */
export const LessonFileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  order: z.number().int().min(1),
  title: z.string().min(1),
  summary: z.string().min(1),
  durationSec: z.number().int().positive(),
  video: z.object({
    sources: z.array(z.object({ src: z.string().min(1), type: z.string().min(1) })).min(1),
    poster: z.string().min(1),
    subtitles: z.string().min(1),
    /** The video shows the spoken words itself (burned-in captions): subtitles start off. */
    captionsInVideo: z.boolean().default(false),
  }),
  transcript: z.string().min(1),
  keyPoints: z.array(z.string().min(1)).min(1),
  checkpoints: z.array(CheckpointSchema).min(1).max(2),
})
  .superRefine((l, ctx) => {
    // A checkpoint past the end would never be shown.
    l.checkpoints.forEach((c, i) => {
      if (c.atSec >= l.durationSec) ctx.addIssue({ code: "custom", path: ["checkpoints", i, "atSec"], message: `atSec phải nhỏ hơn thời lượng bài (${l.durationSec} giây)` });
    });
  });
export type LessonFile = z.infer<typeof LessonFileSchema>;
