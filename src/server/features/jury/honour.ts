import type { z } from "zod";
import type { HonourResponseSchema } from "../../../domain/jury/jury.schema";
import type { AppContext } from "../../app-context";
import { submittedEntries } from "./jury.repository";
import { officialResult } from "./prizes.service";

type Honour = z.infer<typeof HonourResponseSchema>;

/** The round whose entry is the product a gallery case shows (Stage 3 is the presentation of it). */
const PRODUCT_ROUND = "stage2";

/**
 * Winners with their entries' titles and summaries, and the "AI at work" gallery: the Stage-2 entry
 * itself (every form field) of each winner whose unit ticked the separate publish consent in the
 * entry form. Without that consent nothing beyond title and summary is published.
 */
export async function honourView(ctx: Pick<AppContext, "db" | "pack">): Promise<Honour> {
  const o = await officialResult(ctx);
  if (!o) return { published: false, awards: [], gallery: [] };
  const entries = new Map((await submittedEntries(ctx.db, PRODUCT_ROUND)).map((e) => [e.unitCode, e]));
  const form = ctx.pack.entries.rounds.find((r) => r.id === PRODUCT_ROUND)?.fields ?? [];
  const gallery = o.awards.flatMap((a) => {
    const e = entries.get(a.unitCode);
    if (!e?.publishConsent) return [];
    const fields = form.filter((f) => f.key !== "title" && f.key !== "summary" && e.fields[f.key]?.trim()).map((f) => ({ key: f.key, label: f.label, value: e.fields[f.key]!.trim() }));
    return [{ prizeName: a.prizeName, unitName: a.unitName, title: e.title, summary: e.summary, fields }];
  });
  return { published: true, awards: o.awards.map(({ entryId: _e, certificateId: _c, ...a }) => a), gallery };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const paragraphs = (s: string) => esc(s).replace(/\n+/g, "<br>");

function galleryHtml(h: Honour): string {
  if (!h.gallery.length) return "";
  const cases = h.gallery
    .map(
      (c) =>
        `<article><h3>${esc(c.title)}</h3><p class="by">${esc(c.prizeName)} — ${esc(c.unitName)}</p><p>${paragraphs(c.summary)}</p><dl>${c.fields.map((f) => `<dt>${esc(f.label)}</dt><dd>${paragraphs(f.value)}</dd>`).join("")}</dl></article>`,
    )
    .join("");
  return `<h2>AI vào việc: sản phẩm để các đơn vị tham khảo</h2><p>Các đơn vị dưới đây đồng ý công bố sản phẩm dự thi để cơ quan khác học hỏi, áp dụng.</p>${cases}`;
}

export function honourHtml(contestName: string, h: Honour): string {
  const items = h.awards.map((a) => `<li><strong>${esc(a.prizeName)}</strong> — ${esc(a.unitName)}<br><em>${esc(a.title)}</em><p>${esc(a.summary)}</p></li>`).join("");
  const body = h.published ? `<ol>${items}</ol>${galleryHtml(h)}` : "<p>Kết quả chính thức chưa được công bố.</p>";
  const css =
    "body{font:18px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a2340}li{margin:1rem 0}p{margin:.3rem 0;color:#333}article{border-top:1px solid #ccd;margin:1.5rem 0;padding-top:1rem}.by{font-weight:600}dt{font-weight:600;margin-top:.6rem}dd{margin:0 0 0 .2rem}";
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Vinh danh – ${esc(contestName)}</title><style>${css}</style></head><body><h1>Vinh danh</h1><p>Cuộc thi “${esc(contestName)}”</p>${body}</body></html>`;
}
