import { z } from "zod";
import { parseSendWindow } from "../../domain/reminders/send-window";

const sendWindowIsValid = (v: string) => {
  try {
    parseSendWindow(v);
    return true;
  } catch {
    return false;
  }
};

/** The value this repository once shipped as a default: public, so never accepted anywhere. */
const PUBLISHED_SECRETS = new Set(["dev-only-session-secret-change-me"]);

/** Rough strength of a secret: distinct characters and Shannon entropy of the whole string, in bits. */
export function secretStrengthBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / secret.length) * Math.log2(n / secret.length);
  return perChar * secret.length;
}

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().default("0.0.0.0"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** A file path or sqlite: URL selects SQLite; postgres:// selects PostgreSQL. */
    DATABASE_URL: z.string().min(1).default("./data/hoc-vu-ai.sqlite"),
    ZALO_APP_ID: z.string().default(""),
    ZALO_APP_SECRET: z.string().default(""),
    ZALO_GRAPH_URL: z.url().default("https://graph.zalo.me"),
    ZALO_OPENAPI_URL: z.url().default("https://openapi.mini.zalo.me"),
    ZALO_NOTIFICATION_API_KEY: z.string().default(""),
    ZALO_NOTIFICATION_TEMPLATE_ID: z.string().default(""),
    CONTEST_PACK: z.string().regex(/^[a-z0-9-]+$/).default("demo"),
    AUTH_DEV: bool.default(false),
    /** With AUTH_DEV and the demo pack: seed a synthetic city once (default on, off under NODE_ENV=test); 0 turns it off. */
    DEMO_SEED: bool.optional(),
    BOOTSTRAP_ORGANIZERS: z.string().default(""),
    /** Empty: a random secret is generated once and kept in the data directory (see session-secret.ts). */
    SESSION_SECRET: z.string().default(""),
    /** Behind nginx/Caddy: trust X-Forwarded-For from the proxy (true, a hop count, or addresses/CIDRs) so limits see the client's IP. */
    TRUST_PROXY: z.string().default(""),
    /** Where lesson media is fetched from; empty = served by this API under /media. */
    MEDIA_BASE_URL: z.string().default(""),
    /** Public origin of this API: certificate QR codes point to <PUBLIC_BASE_URL>/v/<id>. */
    PUBLIC_BASE_URL: z.url().default("http://localhost:3000"),
    /** Extra CORS origins, comma-separated; https://h5.zdn.vn is always allowed. */
    CORS_ORIGINS: z.string().default(""),
    /** Run the reminder scheduler/worker in this replica. */
    REMINDERS_WORKER: bool.default(true),
    /** Zalo mini-app notifications per day for the whole app (Zalo allows 1000). */
    REMINDERS_DAILY_CAP: z.coerce.number().int().min(0).default(1000),
    /** Vietnam time during which pushes may go out (Zalo: 06:00–22:00). */
    REMINDERS_SEND_WINDOW: z
      .string()
      .refine((v) => sendWindowIsValid(v), "HH:MM-HH:MM, start before end, e.g. 06:00-22:00")
      .default("06:00-22:00"),
    /** Zalo only delivers to people who used the mini app within this many days. */
    REMINDERS_ACTIVE_DAYS: z.coerce.number().int().min(1).default(7),
    REMINDERS_TICK_SECONDS: z.coerce.number().int().min(1).default(30),
    REMINDERS_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50),
    REMINDERS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    REMINDERS_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /** SQLite: commit concurrent answer saves together (one fsync per batch, each acknowledged after the commit). */
    QUIZ_GROUP_COMMIT: bool.default(true),
    /** Where entry attachments are kept: local disk (FILES_DIR) or an S3-compatible store. */
    FILE_STORE: z.enum(["local", "s3"]).default("local"),
    FILES_DIR: z.string().min(1).default("./data/files"),
    S3_ENDPOINT: z.string().default(""),
    S3_REGION: z.string().default("us-east-1"),
    S3_BUCKET: z.string().default(""),
    S3_ACCESS_KEY_ID: z.string().default(""),
    S3_SECRET_ACCESS_KEY: z.string().default(""),
    /** MinIO, s3rver and most non-AWS stores need path-style URLs. */
    S3_FORCE_PATH_STYLE: bool.default(true),
    /** Entries' background work here: invitations after qualifiers are confirmed, orphan-file sweep. */
    ENTRIES_JOBS: bool.default(true),
    /** Requests per minute (0 = no limit): sign-in per IP, anonymous per IP, reads/writes/uploads/answer saves per user. */
    RATE_LIMIT_SIGNIN: z.coerce.number().int().min(0).default(20),
    /** Desktop sign-in per IP: codes made (each is a 6-digit code anyone could type), polls (one every 2 s per waiting desktop). */
    RATE_LIMIT_DESKTOP_CODES: z.coerce.number().int().min(0).default(10),
    RATE_LIMIT_DESKTOP_POLLS: z.coerce.number().int().min(0).default(240),
    RATE_LIMIT_PUBLIC: z.coerce.number().int().min(0).default(300),
    RATE_LIMIT_READS: z.coerce.number().int().min(0).default(1200),
    RATE_LIMIT_WRITES: z.coerce.number().int().min(0).default(120),
    RATE_LIMIT_UPLOADS: z.coerce.number().int().min(0).default(10),
    /** A taker saves at most about one answer a second; room for retries after a network drop. */
    RATE_LIMIT_ANSWERS: z.coerce.number().int().min(0).default(300),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.FILE_STORE === "s3")
      for (const k of ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const)
        if (!env[k]) ctx.addIssue({ code: "custom", path: [k], message: "required when FILE_STORE=s3" });
    if (PUBLISHED_SECRETS.has(env.SESSION_SECRET))
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "this value is published in the repository; unset it (a random one is generated) or set your own" });
    if (env.NODE_ENV !== "production") return;
    if (env.AUTH_DEV) ctx.addIssue({ code: "custom", path: ["AUTH_DEV"], message: "must be off in production" });
    if (env.SESSION_SECRET.length < 32 || secretStrengthBits(env.SESSION_SECRET) < 128)
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "set a random secret of at least 32 characters and 128 bits of entropy (e.g. `openssl rand -base64 48`)" });
    if (!env.ZALO_APP_ID) ctx.addIssue({ code: "custom", path: ["ZALO_APP_ID"], message: "required in production" });
    if (!env.ZALO_APP_SECRET) ctx.addIssue({ code: "custom", path: ["ZALO_APP_SECRET"], message: "required in production" });
  })
  .transform((env) => ({
    ...env,
    bootstrapOrganizers: env.BOOTSTRAP_ORGANIZERS.split(",").map((s) => s.trim()).filter(Boolean),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    corsOrigins: ["https://h5.zdn.vn", "zbrowser://h5.zdn.vn", ...env.CORS_ORIGINS.split(",").map((s) => s.trim()).filter(Boolean)],
  }));

/** "" → off; "true"/"1" → every proxy; a number → that many hops; otherwise addresses/CIDRs, comma-separated. */
function parseTrustProxy(v: string): boolean | number | string[] {
  const t = v.trim();
  if (["", "0", "false", "no", "off"].includes(t)) return false;
  if (["1", "true", "yes", "on"].includes(t)) return true;
  if (/^\d+$/.test(t)) return Number(t);
  return t.split(",").map((s) => s.trim()).filter(Boolean);
}

export type Env = z.infer<typeof EnvSchema>;

/** Benches and test harnesses drive many users from one IP: no request limits (each test of limits sets its own). */
export const RATE_LIMITS_OFF = {
  RATE_LIMIT_SIGNIN: "0",
  RATE_LIMIT_DESKTOP_CODES: "0",
  RATE_LIMIT_DESKTOP_POLLS: "0",
  RATE_LIMIT_PUBLIC: "0",
  RATE_LIMIT_READS: "0",
  RATE_LIMIT_WRITES: "0",
  RATE_LIMIT_UPLOADS: "0",
  RATE_LIMIT_ANSWERS: "0",
} as const;

/** Parse once at start-up; a bad value stops the process with a list of what is wrong. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}
