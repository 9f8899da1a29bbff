import { isStageOpen } from "../../../domain/contest/calendar";
import { participationStage } from "../../../domain/contest/participation";
import { channelEligibility, type SkipReason } from "../../../domain/reminders/delivery-policy";
import { estimateReach } from "../../../domain/reminders/reach";
import type { InboxResponse, NudgeResponse, OverviewResponse, OverviewRule } from "../../../domain/reminders/reminders.schema";
import { occurrenceOf } from "../../../domain/reminders/schedule";
import { formatSendWindow, isInSendWindow, parseSendWindow, vnDayKey } from "../../../domain/reminders/send-window";
import { describeRemaining, isFinished, progressOf, renderTemplate } from "../../../domain/reminders/template";
import { formatVnDateTime } from "../../../domain/shared/time";
import type { AppContext } from "../../app-context";
import type { UserRow } from "../auth";
import { AppError } from "../../shared/app-error";
import { participationScope } from "../participation";
import { peopleWithProgress } from "./audience.repository";
import { createChannels } from "./reminder-channels";
import { countUnread, listInbox, markAllRead, markRead, outboxRowToItem, testMessageOf } from "./inbox.repository";
import { overviewFacts } from "./overview.repository";
import { usedToday } from "./deliveries.repository";
import { enqueueMessages } from "./reminders.repository";
import { canManageUnit } from "../../shared/unit-authz";

type Ctx = Pick<AppContext, "env" | "db" | "dialect" | "pack" | "clock">;

// ── Inbox ────────────────────────────────────────────────────────────────

const encodeCursor = (c: { createdAt: string; id: string }) => Buffer.from(`${c.createdAt}|${c.id}`).toString("base64url");
function decodeCursor(cursor: string | undefined): { createdAt: string; id: string } | null {
  if (!cursor) return null;
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt))) throw new AppError(400, "VALIDATION_FAILED", "Bad cursor", { cursor: "Không hợp lệ" });
  return { createdAt, id };
}

export async function getInbox(ctx: Ctx, user: UserRow, query: { cursor?: string; limit: number }): Promise<InboxResponse> {
  const rows = await listInbox(ctx.db, user.id, query.limit, decodeCursor(query.cursor));
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(outboxRowToItem),
    unread: await countUnread(ctx.db, user.id),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

export async function readInboxItem(ctx: Ctx, user: UserRow, id: string) {
  const row = await markRead(ctx.db, user.id, id, ctx.clock.now());
  if (!row) throw new AppError(404, "NOTIFICATION_NOT_FOUND", "Notification not found");
  return { item: outboxRowToItem(row), unread: await countUnread(ctx.db, user.id) };
}

export async function readAllInbox(ctx: Ctx, user: UserRow) {
  await markAllRead(ctx.db, user.id, ctx.clock.now());
  return { unread: 0 };
}

export const unreadCount = async (ctx: Ctx, user: UserRow) => ({ unread: await countUnread(ctx.db, user.id) });

// ── Nudge ────────────────────────────────────────────────────────────────

/**
 * A unit lead (own unit only) or an organiser nudges named people. Same outbox, same channel
 * limits as the calendar rules; at most one nudge per person per Vietnam day, whoever sends it.
 */
export async function nudge(ctx: Ctx, sender: UserRow, userIds: readonly string[]): Promise<NudgeResponse> {
  const now = ctx.clock.now();
  const stage1 = participationStage(ctx.pack.stages);
  if (!isStageOpen(ctx.pack.stages, stage1.id, now)) throw new AppError(409, "STAGE_NOT_OPEN", "Nudges are for people who still have to finish Stage 1");
  const people = await peopleWithProgress(ctx.db, participationScope(ctx.pack), { userIds });
  if (people.length !== userIds.length) throw new AppError(404, "NOT_FOUND", "Some of these people do not exist");
  if (sender.role !== "organizer" && people.some((p) => !p.unitCode || !canManageUnit(sender, p.unitCode)))
    throw new AppError(403, "FORBIDDEN", "A unit lead can only nudge people of their own unit");

  const finished = people.filter((p) => isFinished(p.progress));
  const todo = people.filter((p) => !isFinished(p.progress));
  const occurrence = `nudge:${vnDayKey(now)}`;
  const cfg = ctx.pack.reminders.nudge;
  const senderName = sender.fullName ?? sender.zaloName ?? "Lãnh đạo đơn vị";
  const channels = [...createChannels(ctx.env, ctx.pack.reminders).values()];
  const inserted = await ctx.db.transaction().execute((trx) =>
    enqueueMessages(
      trx,
      channels,
      todo.map((p) => {
        const vars = { name: p.name, sender: senderName, deadline: formatVnDateTime(stage1.closesAt), remaining: describeRemaining(p.progress) };
        return {
          ruleId: "nudge",
          userId: p.userId,
          occurrence,
          kind: "nudge" as const,
          title: renderTemplate(cfg.title, vars),
          body: renderTemplate(cfg.body, vars),
          path: cfg.path,
          deadlineAt: stage1.closesAt,
          progress: progressOf(p.progress),
          senderId: sender.id,
          expiresAt: stage1.closesAt,
        };
      }),
      now,
    ),
  );
  return {
    queued: todo.filter((p) => inserted.has(p.userId)).map((p) => p.userId),
    alreadyToday: todo.filter((p) => !inserted.has(p.userId)).map((p) => p.userId),
    finished: finished.map((p) => p.userId),
  };
}

// ── Test send ──────────────────────────────────────────────────────────────

/**
 * An organiser receives one rule's message, worded for themselves, through the real pipeline
 * (inbox now, Zalo push within the same limits): a check of the key, the template and the text.
 */
export async function sendTestReminder(ctx: Ctx, organiser: UserRow, ruleId: string) {
  const now = ctx.clock.now();
  const rule = ctx.pack.reminders.rules.find((r) => r.id === ruleId);
  const occ = rule ? occurrenceOf(rule, ctx.pack.stages) : null;
  if (!rule || !occ) throw new AppError(404, "NOT_FOUND", `No reminder rule ${ruleId}`);
  const [me] = await peopleWithProgress(ctx.db, participationScope(ctx.pack), { userIds: [organiser.id] });
  const progress = me?.progress ?? { lessonsDone: 0, lessonCount: ctx.pack.lessons.length, testDone: false };
  const vars = {
    name: me?.name ?? "bạn",
    stage: ctx.pack.stages.find((s) => s.id === rule.stage)?.name ?? "",
    deadline: formatVnDateTime(occ.deadlineAt),
    remaining: describeRemaining(progress),
    unitPending: "0",
    unitCode: organiser.unitCode ?? "",
  };
  const path = renderTemplate(rule.path, vars);
  const channels = [...createChannels(ctx.env, ctx.pack.reminders).values()];
  const occurrence = `test:${now.toISOString()}`;
  await ctx.db.transaction().execute((trx) =>
    enqueueMessages(
      trx,
      channels,
      [
        {
          ruleId: "test",
          userId: organiser.id,
          occurrence,
          kind: "reminder",
          title: renderTemplate(rule.title, vars),
          body: renderTemplate(rule.body, vars),
          path: path.includes("{") ? "/" : path,
          deadlineAt: occ.deadlineAt.toISOString(),
          progress: 0,
          senderId: organiser.id,
          // A test is worth pushing for a day, whatever the rule's own deadline.
          expiresAt: new Date(now.getTime() + 86400_000).toISOString(),
        },
      ],
      now,
    ),
  );
  const row = await testMessageOf(ctx.db, organiser.id, occurrence);
  return { item: outboxRowToItem(row) };
}

// ── Operator view ─────────────────────────────────────────────────────────

const ZERO = () => ({ queued: 0, sending: 0, sent: 0, failed: 0, unknown: 0, skipped: 0 });

export async function overview(ctx: Ctx, workerRunning: boolean): Promise<OverviewResponse> {
  const { db, pack, env } = ctx;
  const now = ctx.clock.now();
  const window = parseSendWindow(env.REMINDERS_SEND_WINDOW);
  const channels = createChannels(env, pack.reminders);
  const zalo = channels.get("zalo_mini_app");

  const [messageCounts, deliveryCounts, occurrences, problems] = await overviewFacts(db);

  const rows = new Map<string, OverviewRule>();
  for (const rule of pack.reminders.rules) {
    const occ = occurrenceOf(rule, pack.stages);
    const handled = occ ? occurrences.find((o) => o.ruleId === rule.id && o.occurrence === occ.occurrence) : undefined;
    // "expanding": its recipients are still being queued, so it is not sent yet.
    const state: OverviewRule["state"] = handled && handled.decision !== "expanding" ? handled.decision === "send" ? "sent" : handled.decision : occ && occ.at.getTime() <= now.getTime() ? "due" : "upcoming";
    rows.set(rule.id, { ruleId: rule.id, title: rule.title, audience: rule.audience, at: occ?.at.toISOString() ?? null, state, messages: 0, zalo: ZERO(), skippedBy: {}, waitingBy: {} });
  }
  rows.set("nudge", { ruleId: "nudge", title: pack.reminders.nudge.title, audience: "nudge", at: null, state: "manual", messages: 0, zalo: ZERO(), skippedBy: {}, waitingBy: {} });
  rows.set("test", { ruleId: "test", title: "Gửi thử cho Ban tổ chức", audience: "test", at: null, state: "manual", messages: 0, zalo: ZERO(), skippedBy: {}, waitingBy: {} });
  for (const m of messageCounts) {
    const r = rows.get(m.ruleId);
    if (r) r.messages = Number(m.n);
  }
  for (const d of deliveryCounts) {
    const r = rows.get(d.ruleId);
    if (!r) continue;
    const n = Number(d.n);
    const bucket = d.status === "claimed" ? "sending" : d.status;
    r.zalo[bucket] += n;
    if (d.status === "skipped" && d.reason) r.skippedBy[d.reason] = (r.skippedBy[d.reason] ?? 0) + n;
    if (d.status === "queued" && d.reason) r.waitingBy[d.reason] = (r.waitingBy[d.reason] ?? 0) + n;
  }

  const used = await usedToday(db, "zalo_mini_app", vnDayKey(now));
  return {
    generatedAt: now.toISOString(),
    limits: {
      channels: pack.reminders.channels,
      zaloConfigured: zalo?.configured ?? false,
      dailyCap: env.REMINDERS_DAILY_CAP,
      usedToday: used,
      sendWindow: formatSendWindow(window),
      inWindowNow: isInSendWindow(now, window),
      activeDays: env.REMINDERS_ACTIVE_DAYS,
      workerRunning,
    },
    rules: [...rows.values()].sort((a, b) => (a.at ?? "9999").localeCompare(b.at ?? "9999")),
    reach: await reach(ctx, used),
    recentProblems: problems.map((p) => ({ ruleId: p.ruleId, fullName: p.fullName, status: p.status, error: p.lastError, at: p.updatedAt })),
  };
}

/** Before Stage 1 closes: of the people who still have to finish, how many can a Zalo push reach in time. */
async function reach(ctx: Ctx, used: number): Promise<OverviewResponse["reach"]> {
  const { db, pack, env } = ctx;
  const now = ctx.clock.now();
  const stage1 = participationStage(pack.stages);
  if (Date.parse(stage1.closesAt) <= now.getTime()) return null;
  const deadline = new Date(stage1.closesAt);
  const people = await peopleWithProgress(db, participationScope(pack), { participantsOnly: true });
  const pending = people.filter((p) => !isFinished(p.progress));
  const count: Partial<Record<SkipReason, number>> = {};
  const reachableUntil: Date[] = [];
  for (const p of pending) {
    const why = channelEligibility(p, now, env.REMINDERS_ACTIVE_DAYS);
    if (why) count[why] = (count[why] ?? 0) + 1;
    else reachableUntil.push(new Date(Date.parse(p.lastActiveAt) + env.REMINDERS_ACTIVE_DAYS * 86400_000));
  }
  const zaloOn = createChannels(env, pack.reminders).get("zalo_mini_app")?.configured ?? false;
  const est = estimateReach({ now, deadline, window: parseSendWindow(env.REMINDERS_SEND_WINDOW), dailyCap: zaloOn ? env.REMINDERS_DAILY_CAP : 0, usedToday: used, reachableUntil });
  return {
    deadlineAt: stage1.closesAt,
    label: `${stage1.name} kết thúc`,
    pending: pending.length,
    noZaloId: count.no_zalo_id ?? 0,
    noConsent: count.no_consent ?? 0,
    inactive: count.inactive ?? 0,
    eligible: reachableUntil.length,
    reachableInTime: est.reachable,
    sendDays: est.sendDays,
    capacity: est.capacity,
  };
}
