import { createHash, randomBytes } from "node:crypto";
import { vnParts } from "../../../domain/shared/time";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import type { UserRow } from "../auth";
import { recordAudit } from "../../shared/audit";
import { isFinished } from "../../../domain/contest/participation";
import { participationScope, progressOf } from "../participation";
import { type CertificateContent, renderCertificate } from "./certificate-pdf";
import type { CertificateRow } from "./certificates.table";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "env">;

/** YYYY-MM-DD on the Vietnam calendar. */
const vnDate = (at: Date) => {
  const p = vnParts(at);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
};

/** 144 random bits, base64url (24 characters): unguessable, short enough for a QR code. */
export const newCertificateId = () => randomBytes(18).toString("base64url");
export const verifyUrlOf = (ctx: Pick<Ctx, "env">, id: string) => `${ctx.env.PUBLIC_BASE_URL.replace(/\/+$/, "")}/v/${id}`;

export function findCertificate(ctx: Pick<Ctx, "db">, id: string): Promise<CertificateRow | undefined> {
  return ctx.db.selectFrom("certificates").selectAll().where("id", "=", id).executeTakeFirst();
}

function liveCertificate(ctx: Pick<Ctx, "db">, kind: string, subject: string) {
  return ctx.db.selectFrom("certificates").selectAll().where("kind", "=", kind).where("subject", "=", subject).where("revokedAt", "is", null).executeTakeFirst();
}

// Font subsetting is CPU-bound (tens of ms per page): one render at a time per process keeps a
// rush of participation certificates from stalling every other request at once.
let renderChain: Promise<unknown> = Promise.resolve();
function renderSerially(content: CertificateContent, url: string): Promise<Uint8Array> {
  const next = renderChain.then(() => renderCertificate(content, url));
  renderChain = next.catch(() => undefined);
  return next;
}

/** Render and store once; the stored bytes are what is downloaded and what the SHA-256 on the check page describes. */
export async function issueCertificate(ctx: Ctx, subject: string, content: CertificateContent, actorId: string | null): Promise<CertificateRow> {
  const existing = await liveCertificate(ctx, content.kind, subject);
  if (existing) return existing;
  const id = newCertificateId();
  const pdf = Buffer.from(await renderSerially(content, verifyUrlOf(ctx, id)));
  const now = ctx.clock.now();
  const row = {
    id,
    kind: content.kind,
    subject,
    payload: JSON.stringify(content),
    pdfBase64: pdf.toString("base64"),
    pdfSha256: createHash("sha256").update(pdf).digest("hex"),
    issuedAt: now.toISOString(),
    issuedBy: actorId,
    revokedAt: null,
    revokedBy: null,
    revokeReason: null,
  };
  try {
    await ctx.db.insertInto("certificates").values(row).execute();
  } catch (err) {
    // Two taps at once: the partial unique index lets one win; return that one.
    const winner = await liveCertificate(ctx, content.kind, subject);
    if (winner) return winner;
    throw err;
  }
  await recordAudit(ctx.db, { actorId, action: "certificate.issue", subject: id, details: { kind: content.kind, subject, sha256: row.pdfSha256 } }, now);
  return row;
}

export async function revokeCertificate(ctx: Ctx, actor: UserRow, id: string, reason: string) {
  const c = await findCertificate(ctx, id);
  if (!c) throw new AppError(404, "NOT_FOUND", "No such certificate");
  if (c.revokedAt) return;
  const now = ctx.clock.now();
  await ctx.db.updateTable("certificates").set({ revokedAt: now.toISOString(), revokedBy: actor.id, revokeReason: reason }).where("id", "=", id).where("revokedAt", "is", null).execute();
  await recordAudit(ctx.db, { actorId: actor.id, action: "certificate.revoke", subject: id, details: { kind: c.kind, subject: c.subject, reason } }, now);
}

/** Organisers, the person (participation) or a member of the unit (award). */
export function assertCanDownload(user: UserRow, c: CertificateRow) {
  if (user.role === "organizer") return;
  if (c.kind === "participation" && c.subject === user.id) return;
  if (c.kind === "award" && user.unitCode === c.subject) return;
  throw new AppError(403, "FORBIDDEN", "Not your certificate");
}

/** A person who finished every lesson and the test of Stage 1 gets a participation certificate. */
export async function participationCertificate(ctx: Ctx & Pick<AppContext, "dialect">, user: UserRow): Promise<CertificateRow> {
  const facts = (await progressOf(ctx.db, participationScope(ctx.pack), { userIds: [user.id] })).get(user.id);
  if (!facts || !isFinished({ lessonsDone: facts.lessonsDone, lessonCount: ctx.pack.lessons.length, testDone: facts.testDone })) throw new AppError(409, "CERTIFICATE_NOT_ELIGIBLE", "Finish every lesson and the test of Stage 1 first");
  const unit = ctx.pack.units.find((u) => u.code === user.unitCode);
  return issueCertificate(
    ctx,
    user.id,
    { kind: "participation", organizer: ctx.pack.organizer, contestName: ctx.pack.name, personName: user.fullName ?? user.zaloName ?? "", unitName: unit?.fullName ?? "", issuedOn: vnDate(ctx.clock.now()) },
    user.id,
  );
}

export async function myCertificates(ctx: Ctx, user: UserRow) {
  let q = ctx.db.selectFrom("certificates").select(["id", "kind", "subject", "issuedAt", "revokedAt", "revokeReason", "pdfSha256"]);
  q = q.where((eb) => (user.unitCode ? eb.or([eb.and([eb("kind", "=", "participation"), eb("subject", "=", user.id)]), eb.and([eb("kind", "=", "award"), eb("subject", "=", user.unitCode)])]) : eb.and([eb("kind", "=", "participation"), eb("subject", "=", user.id)])));
  return q.orderBy("issuedAt", "desc").execute();
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The public check page behind the QR code: valid, revoked (with reason) or not found. */
export function verifyPageHtml(c: CertificateRow | undefined, id: string): { status: number; html: string } {
  let body: string;
  let status = 200;
  if (!c) {
    status = 404;
    body = `<h1 class="bad">Không tìm thấy giấy chứng nhận</h1><p>Mã <code>${esc(id)}</code> không có trong hệ thống. Giấy chứng nhận này không do cuộc thi cấp.</p>`;
  } else {
    const content = JSON.parse(c.payload) as CertificateContent;
    const who = content.kind === "award" ? `${esc(content.unitName)} — ${esc(content.prizeName)}<br>Sản phẩm: “${esc(content.entryTitle)}”<br>Quyết định số ${esc(content.decisionNumber)} ngày ${esc(content.decisionDate)}` : `${esc(content.personName)} — ${esc(content.unitName)}<br>Hoàn thành Giai đoạn 1`;
    const state = c.revokedAt
      ? `<h1 class="bad" data-status="revoked">Giấy chứng nhận đã bị thu hồi</h1><p>Lý do: ${esc(c.revokeReason ?? "")}<br>Thời điểm thu hồi: ${esc(c.revokedAt)}</p>`
      : `<h1 class="ok" data-status="valid">Giấy chứng nhận hợp lệ</h1>`;
    body = `${state}<p>${who}</p><p>Cấp lúc: ${esc(c.issuedAt)}</p><p>SHA-256 của tệp PDF đã cấp (tệp bị sửa sẽ có mã khác):<br><code data-sha256>${c.pdfSha256}</code></p>`;
  }
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>Kiểm tra giấy chứng nhận – Học vụ AI</title><style>body{font:18px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a2340}.ok{color:#17652b}.bad{color:#a11a1a}code{word-break:break-all;font-size:15px}</style></head><body>${body}<p><small>Học vụ AI — Kiểm tra giấy chứng nhận</small></p></body></html>`;
  return { status, html };
}
