import type { Insertable, Selectable, Updateable } from "kysely";
import type { ChannelId } from "../../../domain/reminders/reminders.config";
import type { SkipReason } from "../../../domain/reminders/delivery-policy";
import type { DeliveryStatus } from "../../../domain/reminders/reminders.schema";

/** Which (rule, moment) the scheduler has dealt with, and how. */
export interface ReminderOccurrencesTable {
  ruleId: string;
  occurrence: string;
  /** "expanding": claimed, its recipients being queued chunk by chunk (handledAt is the heartbeat); then "send". */
  decision: "send" | "superseded" | "late" | "expanding";
  scheduledAt: string;
  handledAt: string;
  recipients: number;
}

/** The outbox: one message per (rule, person, occurrence) — unique — which is also the in-app inbox. */
export interface ReminderOutboxTable {
  id: string;
  /** A pack rule id, or "nudge". */
  ruleId: string;
  userId: string;
  /** The rule's moment (ISO), or "nudge:<Vietnam day>". */
  occurrence: string;
  kind: "reminder" | "nudge";
  title: string;
  body: string;
  path: string;
  deadlineAt: string;
  /** 0..1 share of the work done when queued; least progress goes first under the cap. */
  progress: number;
  senderId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** One push of an outbox message on one external channel. */
export interface ReminderDeliveriesTable {
  id: string;
  outboxId: string;
  userId: string;
  channel: ChannelId;
  status: DeliveryStatus;
  /** Final skip reason, or what a queued push is waiting for. */
  reason: SkipReason | null;
  attempts: number;
  sendAfter: string;
  expiresAt: string;
  deadlineAt: string;
  progress: number;
  claimedBy: string | null;
  claimedUntil: string | null;
  /** The Vietnam day whose one-per-person slot this push uses (unique per channel and person). */
  sentDay: string | null;
  sentAt: string | null;
  providerMessageId: string | null;
  providerResponse: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReminderQuotaTable {
  channel: ChannelId;
  day: string;
  used: number;
}

export type OutboxRow = Selectable<ReminderOutboxTable>;
export type NewOutboxRow = Insertable<ReminderOutboxTable>;
export type DeliveryRow = Selectable<ReminderDeliveriesTable>;
export type NewDeliveryRow = Insertable<ReminderDeliveriesTable>;
export type DeliveryUpdate = Updateable<ReminderDeliveriesTable>;
