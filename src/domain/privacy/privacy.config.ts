import { z } from "zod";

/**
 * The pack's `privacy` block (Law 91/2025/QH15 and Decree 356/2025): how many days organisers have
 * to act on a person's request, and how long personal data is kept after the contest ends (the
 * close of its last stage) before the retention job anonymises it.
 */
export const PrivacyConfigSchema = z.object({
  responseDays: z.number().int().min(1).max(90).default(15),
  retainDaysAfterContest: z.number().int().min(0).max(3650).default(180),
});
export type PrivacyConfig = z.infer<typeof PrivacyConfigSchema>;

/** What an anonymised person is called everywhere (rows stay, so units' counts stay honest). */
export const ERASED_NAME = "Người dùng đã xoá";

/** When personal data is due for anonymisation: the contest's last close plus the retention period. */
export function retentionDueAt(lastCloseIso: string, config: PrivacyConfig): string {
  return new Date(Date.parse(lastCloseIso) + config.retainDaysAfterContest * 86_400_000).toISOString();
}

/** A request's deadline: `responseDays` after it was made. */
export function requestDueAt(createdAtIso: string, config: PrivacyConfig): string {
  return new Date(Date.parse(createdAtIso) + config.responseDays * 86_400_000).toISOString();
}
