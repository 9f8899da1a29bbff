import { z } from "zod";
import { StageIdSchema } from "../contest/contest.schema";
import { CHANNEL_PLACEHOLDERS, NUDGE_PLACEHOLDERS, placeholdersIn, RULE_PLACEHOLDERS } from "./template";

/** "-3d", "+2h", "0m": a signed offset from a stage's opening or closing. */
export const OffsetSchema = z.string().regex(/^[+-]?\d+[dhm]$/, 'dạng "-3d", "-3h", "+30m" hoặc "0m"');
/** "6h", "2d": a positive duration. */
export const DurationSchema = z.string().regex(/^\d+[dhm]$/, 'dạng "6h", "2d" hoặc "30m"');

/**
 * Who a rule speaks to. "unfinished" = has not finished all lessons or has not done the test;
 * "qualified_unit_leads" = leads of units that go on to Stage 2; "finalists" = leads of the units
 * in the final (Stage 3).
 */
export const AUDIENCES = ["everyone", "unfinished", "unit_leads", "qualified_unit_leads", "finalists"] as const;
export const AudienceSchema = z.enum(AUDIENCES);
export type Audience = z.infer<typeof AudienceSchema>;

/** External push channels. The in-app inbox always receives every reminder and is not listed here. */
export const CHANNEL_IDS = ["zalo_mini_app"] as const;
export const ChannelIdSchema = z.enum(CHANNEL_IDS);
export type ChannelId = z.infer<typeof ChannelIdSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * One reminder tied to the contest calendar: it fires once, at `stage.edge + offset`
 * (then moved to `atVnTime` Vietnam time on that day, if given).
 * Placeholders in title/body: {name} {stage} {deadline} {remaining} {unitPending} {unitCode}.
 */
export const ReminderRuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, "chỉ gồm chữ thường, số và dấu -"),
  stage: StageIdSchema,
  edge: z.enum(["opens", "closes"]),
  offset: OffsetSchema.default("0m"),
  atVnTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ Việt Nam dạng "08:00"').optional(),
  audience: AudienceSchema,
  title: text(80),
  body: text(400),
  /** The app page the reminder opens (a path of the mini app; may use {unitCode}). */
  path: z.string().regex(/^\/[a-zA-Z0-9/_{}-]*$/, "đường dẫn trong ứng dụng, ví dụ /learn").default("/"),
  /** Rules of one group replace each other on catch-up: after downtime only the latest due one is sent. */
  group: z.string().min(1).optional(),
  /** Catch-up: an occurrence found later than this after its moment is dropped, not sent. */
  maxDelay: DurationSchema.default("6h"),
});
export type ReminderRule = z.infer<typeof ReminderRuleSchema>;

/** Which template fields the mini-app notification gets, with placeholders {title} {body} {link} {name}. */
export const ZaloMiniAppChannelSchema = z.object({
  /** Overrides ZALO_NOTIFICATION_TEMPLATE_ID for this pack. */
  templateId: z.string().min(1).optional(),
  templateData: z
    .record(z.string(), z.string())
    .default({ title: "{title}", contentTitle: "{title}", contentBody: "{body}", buttonText: "Mở ứng dụng", buttonUrl: "{link}" }),
  /** Zalo truncates or refuses long fields (title ≤ 32); we cut them with "…" first. */
  fieldMaxLength: z.record(z.string(), z.number().int().positive()).default({ title: 32, contentTitle: 64, contentBody: 250, buttonText: 20 }),
});

export const NudgeSchema = z.object({
  title: text(80).default("Nhắc hoàn thành Giai đoạn 1"),
  body: text(400).default("Đồng chí {sender} đề nghị đồng chí {name} hoàn thành Giai đoạn 1 cuộc thi trước {deadline} ({remaining})."),
  path: z.string().regex(/^\/[a-zA-Z0-9/_-]*$/).default("/learn"),
});

/** Reminder rules from the content pack (tied to the contest calendar). */
export const RemindersConfigSchema = z
  .object({
    channels: z.array(ChannelIdSchema).default(["zalo_mini_app"]),
    zaloMiniApp: ZaloMiniAppChannelSchema.prefault({}),
    nudge: NudgeSchema.prefault({}),
    rules: z.array(ReminderRuleSchema).default([]),
  })
  .superRefine((cfg, ctx) => {
    // A typo in a placeholder would reach thousands of phones as "{remainig}": refuse it at start-up.
    const check = (template: string, allowed: readonly string[], path: (string | number)[]) => {
      for (const p of placeholdersIn(template))
        if (!allowed.includes(p)) ctx.addIssue({ code: "custom", path, message: `không có biến {${p}} (dùng: ${allowed.map((a) => `{${a}}`).join(", ")})` });
    };
    const seen = new Set<string>();
    cfg.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `mã quy tắc ${r.id} bị trùng` });
      seen.add(r.id);
      check(r.title, RULE_PLACEHOLDERS, ["rules", i, "title"]);
      check(r.body, RULE_PLACEHOLDERS, ["rules", i, "body"]);
      check(r.path, ["unitCode"], ["rules", i, "path"]);
    });
    check(cfg.nudge.title, NUDGE_PLACEHOLDERS, ["nudge", "title"]);
    check(cfg.nudge.body, NUDGE_PLACEHOLDERS, ["nudge", "body"]);
    for (const [field, template] of Object.entries(cfg.zaloMiniApp.templateData))
      check(template, CHANNEL_PLACEHOLDERS, ["zaloMiniApp", "templateData", field]);
  });
export type RemindersConfig = z.infer<typeof RemindersConfigSchema>;
