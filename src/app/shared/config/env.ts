import { z } from "zod";

/** Only VITE_* values reach the bundle, and only those parsed here are used. */
const AppEnvSchema = z.object({
  /** The API's public HTTPS base (e.g. https://api.hocvuai.haiphong.gov.vn); empty = same origin. */
  VITE_API_URL: z.union([z.literal(""), z.url()]).default(""),
});

export const appEnv = AppEnvSchema.parse({ VITE_API_URL: import.meta.env.VITE_API_URL ?? "" });
export const apiBase = appEnv.VITE_API_URL.replace(/\/$/, "");
