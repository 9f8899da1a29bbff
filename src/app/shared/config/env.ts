import { z } from "zod";

/** Only VITE_* values reach the bundle, and only those parsed here are used. */
const AppEnvSchema = z.object({
  /** The API's public HTTPS base (e.g. https://api.hocvuai.haiphong.gov.vn); empty = same origin. */
  VITE_API_URL: z.union([z.literal(""), z.url()]).default(""),
  /** The Zalo mini app's id, for deep links shared from a browser (inside Zalo, Zalo supplies it). */
  VITE_ZALO_APP_ID: z.string().regex(/^[A-Za-z0-9_-]*$/).default(""),
});

export const appEnv = AppEnvSchema.parse({ VITE_API_URL: import.meta.env.VITE_API_URL ?? "", VITE_ZALO_APP_ID: import.meta.env.VITE_ZALO_APP_ID ?? "" });
export const apiBase = appEnv.VITE_API_URL.replace(/\/$/, "");
