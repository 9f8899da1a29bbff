import { apiBase } from "../../shared/config/env";

/** "/media/…" belongs to the API, which in Zalo is another origin than the app. */
export function mediaSrc(url: string): string {
  return url.startsWith("/") ? `${apiBase}${url}` : url;
}
