import { inviteDeepLink } from "../../../domain/entries/entries.endpoints";
import type { EntryRound } from "../../../domain/entries/entries.config";
import type { Receipt } from "../../../domain/entries/entries.schema";
import { vnDayKey } from "../../../domain/reminders/send-window";
import { formatVnDateTime } from "../../../domain/shared/time";
import { createChannels } from "../reminders";
import { enqueueMessages, type NewMessage } from "../reminders";
import type { Ctx } from "./entries-access";
import { contributorsOf, eligibleUnitCodes, entriesOfRound, leadsOfUnits } from "./entries.repository";
import type { EntryRow } from "./entries.table";
import { issueInvite } from "./entries-tokens";

/** The in-app path of a unit's entry page, with its invitation (what the deep link opens). */
export const entryAppPath = (round: string, unit: string, invite: string) => `/entries/${round}?unit=${encodeURIComponent(unit)}&invite=${encodeURIComponent(invite)}`;

export function inviteFor(ctx: Ctx, round: EntryRound, unit: string, deadline: string) {
  const expiresAt = new Date(Math.max(Date.parse(round.closes), Date.parse(deadline)));
  const token = issueInvite(ctx.env.SESSION_SECRET, round.id, unit, expiresAt);
  return { token, expiresAt, appPath: entryAppPath(round.id, unit, token), deepLink: inviteDeepLink(ctx.env.ZALO_APP_ID || "app", round.id, unit, token) };
}

/** Queue through the reminders pipeline: inbox now, Zalo push within its rules and limits. */
async function queue(ctx: Ctx, messages: NewMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const channels = [...createChannels(ctx.env, ctx.pack.reminders).values()];
  const inserted = await ctx.db.transaction().execute((trx) => enqueueMessages(trx, channels, messages, ctx.clock.now()));
  return inserted.size;
}

/**
 * Invite the leads of every eligible unit (the latest confirmation of the round's source stage).
 * Idempotent: one message per (round, unit, lead) ever, so the job and the organiser's button
 * can both call it; a unit added by a later confirmation gets its invitation then.
 */
export async function sendInvitations(ctx: Ctx, round: EntryRound): Promise<{ units: number; queued: number }> {
  const now = ctx.clock.now();
  if (now.getTime() > Date.parse(round.closes)) return { units: 0, queued: 0 };
  const units = await eligibleUnitCodes(ctx.db, round.eligible.fromStage);
  const leads = await leadsOfUnits(ctx.db, units);
  const messages: NewMessage[] = leads.map((l) => {
    const invite = inviteFor(ctx, round, l.unitCode as string, round.closes);
    return {
      ruleId: `entries-invite:${round.id}`,
      userId: l.id,
      occurrence: `${round.id}:${l.unitCode}`,
      kind: "reminder",
      title: `Mời đơn vị nộp sản phẩm: ${round.name}`,
      body: `Đơn vị của đồng chí được vào ${round.name}. Hạn nộp: ${formatVnDateTime(round.closes)}. Mở để chuẩn bị hồ sơ và chia sẻ đường dẫn vào nhóm Zalo của đơn vị để đồng nghiệp cùng soạn.`,
      path: invite.appPath,
      deadlineAt: round.closes,
      progress: 0,
      senderId: null,
      expiresAt: round.closes,
    };
  });
  return { units: units.length, queued: await queue(ctx, messages) };
}

/** The receipt in every contributor's inbox (and a Zalo push within the rules). */
export async function notifyReceipt(ctx: Ctx, round: EntryRound, entry: EntryRow, receipt: Receipt): Promise<void> {
  const people = await contributorsOf(ctx.db, [entry.id]);
  const leads = await leadsOfUnits(ctx.db, [entry.unitCode]);
  const ids = [...new Set([...people.map((p) => p.userId), ...leads.map((l) => l.id)])];
  await queue(
    ctx,
    ids.map((userId) => ({
      ruleId: `entries-receipt:${round.id}`,
      userId,
      occurrence: entry.submittedVersionId as string,
      kind: "reminder",
      title: `Đã nhận hồ sơ ${receipt.entryCode}`,
      body: `${receipt.unitName} đã nộp hồ sơ lúc ${formatVnDateTime(receipt.submittedAt)} (${receipt.files.length} tệp). Mã kiểm tra SHA-256: ${receipt.sha256.slice(0, 16)}…`,
      path: `/entries/${round.id}?unit=${encodeURIComponent(entry.unitCode)}`,
      deadlineAt: round.closes,
      progress: 1,
      senderId: null,
      expiresAt: new Date(ctx.clock.now().getTime() + 86400_000).toISOString(),
    })),
  );
}

/**
 * The organiser reminds every eligible unit that has not submitted: its leads and its team, once a
 * Vietnam day at most (same outbox, same channel limits as the calendar reminders).
 */
export async function remindUnsubmitted(ctx: Ctx, round: EntryRound, senderId: string): Promise<{ units: number; queued: number }> {
  const now = ctx.clock.now();
  const codes = await eligibleUnitCodes(ctx.db, round.eligible.fromStage);
  const entries = new Map((await entriesOfRound(ctx.db, round.id)).map((e) => [e.unitCode, e]));
  const todo = codes.filter((c) => entries.get(c)?.status !== "submitted");
  const leads = await leadsOfUnits(ctx.db, todo);
  const team = await contributorsOf(ctx.db, todo.flatMap((c) => (entries.get(c) ? [entries.get(c)?.id as string] : [])));
  const people = new Map<string, string>();
  leads.forEach((l) => people.set(l.id, l.unitCode as string));
  team.forEach((t) => people.set(t.userId, [...entries.values()].find((e) => e.id === t.entryId)?.unitCode as string));
  const messages: NewMessage[] = [...people].map(([userId, unit]) => {
    const deadline = entries.get(unit)?.deadlineOverride ?? round.closes;
    return {
      ruleId: `entries-remind:${round.id}`,
      userId,
      occurrence: `remind:${vnDayKey(now)}`,
      kind: "nudge",
      title: `Nhắc nộp hồ sơ: ${round.name}`,
      body: `Hồ sơ dự thi của đơn vị chưa được nộp. Hạn nộp: ${formatVnDateTime(deadline)}.`,
      path: `/entries/${round.id}?unit=${encodeURIComponent(unit)}`,
      deadlineAt: deadline,
      progress: entries.get(unit) ? 0.5 : 0,
      senderId,
      expiresAt: deadline,
    };
  });
  return { units: todo.length, queued: await queue(ctx, messages) };
}
