import { createHmac, timingSafeEqual } from "node:crypto";

/** Long enough to start a download in Zalo's downloader or a browser, short enough to be useless if forwarded. */
export const SIGNED_LINK_TTL_MS = 5 * 60_000;

/**
 * A short-lived token for one user and one exact path: "l1.<userId>.<expiresMs>.<mac>".
 * Zalo's WebView cannot attach the bearer header to a download, so the link carries this instead;
 * the user's rights are still checked when the file is served. `purpose` (the feature) is in the
 * MAC, so one feature's link never opens another's file, nor passes as a session.
 */
export function issueSignedLink(secret: string, purpose: string, userId: string, path: string, now: Date): { url: string; expiresAt: string } {
  const expires = now.getTime() + SIGNED_LINK_TTL_MS;
  const payload = `l1.${userId}.${expires}`;
  const token = `${payload}.${mac(secret, purpose, path, payload)}`;
  return { url: `${path}?token=${encodeURIComponent(token)}`, expiresAt: new Date(expires).toISOString() };
}

/** The user id the token was issued to, or null when it is forged, for another path or purpose, or expired. */
export function verifySignedLink(secret: string, purpose: string, token: string, path: string, now: Date): string | null {
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== "l1") return null;
  const [v, userId, exp, sig] = parts as [string, string, string, string];
  const expected = Buffer.from(mac(secret, purpose, path, `${v}.${userId}.${exp}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return Number(exp) >= now.getTime() ? userId : null;
}

const mac = (secret: string, purpose: string, path: string, payload: string) => createHmac("sha256", secret).update(`link|${purpose}|${path}|${payload}`).digest("base64url");
