import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed tokens of the entries feature. Each has its own purpose prefix in the MAC, so an invite can
 * never pass as a download link or a session, nor the reverse.
 *  - invite:   "i1.<round>.<unit>.<expiresMs>.<mac>" — scoped to (round, unit), expires with the round.
 *  - download: "e1.<userId>.<expiresMs>.<mac>" bound to one path, 5 minutes (Zalo's downloader sends no header).
 */
const mac = (secret: string, purpose: string, payload: string) => createHmac("sha256", secret).update(`entries-${purpose}|${payload}`).digest("base64url");

function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function issueInvite(secret: string, round: string, unit: string, expiresAt: Date): string {
  const payload = `i1.${round}.${unit}.${expiresAt.getTime()}`;
  return `${payload}.${mac(secret, "invite", payload)}`;
}

export type InviteCheck = { ok: true; round: string; unit: string } | { ok: false; reason: "invalid" | "expired" };

export function verifyInvite(secret: string, token: string, now: Date): InviteCheck {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== "i1") return { ok: false, reason: "invalid" };
  const [v, round, unit, exp, sig] = parts as [string, string, string, string, string];
  if (!sameMac(sig, mac(secret, "invite", `${v}.${round}.${unit}.${exp}`))) return { ok: false, reason: "invalid" };
  if (!(Number(exp) >= now.getTime())) return { ok: false, reason: "expired" };
  return { ok: true, round, unit };
}

export const DOWNLOAD_TTL_MS = 5 * 60_000;

export function issueDownload(secret: string, userId: string, path: string, now: Date): { token: string; expiresAt: Date } {
  const expires = now.getTime() + DOWNLOAD_TTL_MS;
  const payload = `e1.${userId}.${expires}`;
  return { token: `${payload}.${mac(secret, "download", `${path}|${payload}`)}`, expiresAt: new Date(expires) };
}

export function verifyDownload(secret: string, token: string, path: string, now: Date): string | null {
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== "e1") return null;
  const [v, userId, exp, sig] = parts as [string, string, string, string];
  if (!sameMac(sig, mac(secret, "download", `${path}|${v}.${userId}.${exp}`))) return null;
  return Number(exp) >= now.getTime() ? userId : null;
}
