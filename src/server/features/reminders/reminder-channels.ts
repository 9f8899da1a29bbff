import { channelEligibility, type Recipient, type SkipReason } from "../../../domain/reminders/delivery-policy";
import type { ChannelId, RemindersConfig } from "../../../domain/reminders/reminders.config";
import { parseSendWindow, type SendWindow } from "../../../domain/reminders/send-window";
import { renderTemplate, truncate } from "../../../domain/reminders/template";
import type { Env } from "../../config/env";

export type ChannelMessage = {
  deliveryId: string;
  user: { id: string; zaloId: string | null; phone: string | null; name: string };
  title: string;
  body: string;
  /** App page to open, e.g. "/learn". */
  path: string;
};

/**
 * What happened to one push. "rejected": the provider certainly did not deliver it (an error answer,
 * HTTP 5xx, connection refused) — safe to retry. "unknown": the request may have been delivered
 * (timeout, connection cut after sending) — never retried, so never duplicated.
 */
export type SendOutcome =
  | { kind: "sent"; providerMessageId: string | null; response: string }
  | { kind: "rejected"; error: string }
  | { kind: "unknown"; error: string };

export type ChannelLimits = { dailyCap: number; window: SendWindow; onePerPersonPerDay: boolean };

/**
 * A push channel. The inbox is not one: it is the outbox itself. Zalo OA messages or ZNS (by phone,
 * paid) are added by implementing this, listing the id in CHANNEL_IDS and in the pack's `channels`.
 */
export interface ReminderChannel {
  readonly id: ChannelId;
  /** Credentials present; an unconfigured channel skips with "channel_off". */
  readonly configured: boolean;
  readonly limits: ChannelLimits;
  /** The channel's own rule on who can be reached at all (consent, activity, an address). */
  eligibility(recipient: Recipient, now: Date): SkipReason | null;
  send(message: ChannelMessage): Promise<SendOutcome>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Errors from fetch that prove the request never left this machine. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** POST {ZALO_OPENAPI_URL}/notification/template, as documented for Zalo mini apps. */
export function zaloMiniAppChannel(env: Env, config: RemindersConfig): ReminderChannel {
  const templateId = config.zaloMiniApp.templateId ?? env.ZALO_NOTIFICATION_TEMPLATE_ID;
  const limits: ChannelLimits = { dailyCap: env.REMINDERS_DAILY_CAP, window: parseSendWindow(env.REMINDERS_SEND_WINDOW), onePerPersonPerDay: true };
  return {
    id: "zalo_mini_app",
    configured: Boolean(env.ZALO_NOTIFICATION_API_KEY && templateId && env.ZALO_APP_ID),
    limits,
    eligibility: (r, now) => channelEligibility(r, now, env.REMINDERS_ACTIVE_DAYS),
    async send(message) {
      if (!message.user.zaloId) return { kind: "rejected", error: "no Zalo id" };
      const vars = {
        title: message.title,
        body: message.body,
        name: message.user.name,
        link: `https://zalo.me/s/${env.ZALO_APP_ID}${message.path}`,
      };
      const templateData = Object.fromEntries(
        Object.entries(config.zaloMiniApp.templateData).map(([field, template]) => {
          const value = renderTemplate(template, vars);
          const max = config.zaloMiniApp.fieldMaxLength[field];
          return [field, max ? truncate(value, max) : value];
        }),
      );
      let res: Response;
      try {
        res = await fetch(`${env.ZALO_OPENAPI_URL}/notification/template`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "X-Api-Key": `Bearer ${env.ZALO_NOTIFICATION_API_KEY}`,
            "X-User-Id": message.user.zaloId,
            "X-MiniApp-Id": env.ZALO_APP_ID,
          },
          body: JSON.stringify({ templateId, templateData }),
          signal: AbortSignal.timeout(env.REMINDERS_SEND_TIMEOUT_MS),
        });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        if (e.cause?.code && NEVER_SENT.has(e.cause.code)) return { kind: "rejected", error: `unreachable: ${e.cause.code}` };
        return { kind: "unknown", error: e.name === "TimeoutError" ? `no answer within ${env.REMINDERS_SEND_TIMEOUT_MS} ms` : `connection failed: ${e.message}` };
      }
      let text = "";
      try {
        text = await res.text();
      } catch (err) {
        return { kind: "unknown", error: `answer cut off: ${(err as Error).message}` };
      }
      if (res.status >= 500) return { kind: "rejected", error: `HTTP ${res.status}` };
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        return { kind: "rejected", error: `HTTP ${res.status}, not JSON` };
      }
      if (!isObj(body) || body.error !== 0) {
        const code = isObj(body) ? String(body.error) : "?";
        const msg = isObj(body) && typeof body.message === "string" ? body.message : "";
        return { kind: "rejected", error: `Zalo error ${code}: ${msg}`.slice(0, 500) };
      }
      const data = isObj(body.data) ? body.data : {};
      const msgId = typeof data.msgId === "string" ? data.msgId : null;
      return { kind: "sent", providerMessageId: msgId, response: text.slice(0, 1000) };
    },
  };
}

export function createChannels(env: Env, config: RemindersConfig): Map<ChannelId, ReminderChannel> {
  const all: Record<ChannelId, () => ReminderChannel> = { zalo_mini_app: () => zaloMiniAppChannel(env, config) };
  return new Map(config.channels.map((id) => [id, all[id]()]));
}
