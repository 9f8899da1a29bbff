import type { z } from "zod";
import type { HonourResponseSchema } from "../../../domain/jury/jury.schema";
import type { AppContext } from "../../app-context";
import { officialResult } from "./prizes.service";

type Honour = z.infer<typeof HonourResponseSchema>;

/**
 * Winners with their entries' titles and summaries. The entry itself (gallery of "AI at work")
 * needs the unit's publish consent from the entry form, which lives in the entries feature: until
 * it is wired, nothing beyond title and summary is published.
 */
export async function honourView(ctx: Pick<AppContext, "db">): Promise<Honour> {
  const o = await officialResult(ctx);
  if (!o) return { published: false, awards: [] };
  return { published: true, awards: o.awards.map(({ entryId: _e, certificateId: _c, ...a }) => a) };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function honourHtml(contestName: string, h: Honour): string {
  const items = h.awards.map((a) => `<li><strong>${esc(a.prizeName)}</strong> — ${esc(a.unitName)}<br><em>${esc(a.title)}</em><p>${esc(a.summary)}</p></li>`).join("");
  const body = h.published ? `<ol>${items}</ol>` : "<p>Kết quả chính thức chưa được công bố.</p>";
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Vinh danh – ${esc(contestName)}</title><style>body{font:18px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a2340}li{margin:1rem 0}p{margin:.3rem 0;color:#333}</style></head><body><h1>Vinh danh</h1><p>Cuộc thi “${esc(contestName)}”</p>${body}</body></html>`;
}
