import { z } from "zod";

/** Reminder rules from the content pack (tied to the contest calendar). */
export const RemindersConfigSchema = z.object({
  rules: z.array(z.object({ id: z.string().min(1) }).passthrough()).default([]),
});
export type RemindersConfig = z.infer<typeof RemindersConfigSchema>;
