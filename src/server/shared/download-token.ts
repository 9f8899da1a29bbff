import { createHmac, timingSafeEqual } from "node:crypto";

/** Long enough to start a download from Zalo's downloader or a browser, short enough to be useless if forwarded. */
export const DOWNLOAD_TOKEN_TTL_MS = 5 * 60_000;

/**
 * A signed, short-lived token for one file path and one user: "d1.<userId>.<expiresMs>.<hmac>".
 * Zalo's WebView cannot attach our bearer header to a download, so the link carries this instead;
 * the user's rights are still checked when the file is served.
 */
export function issueDownloadToken(secret: string, userId: string, path: string, now: Date): { token: string; expiresAt: Date } {
  const expires = now.getTime() + DOWNLOAD_TOKEN_TTL_MS;
  const payload = `d1.${userId}.${expires}`;
  return { token: `${payload}.${sign(secret, payload, path)}`, expiresAt: new Date(expires) };
}

export function verifyDownloadToken(secret: string, token: string, path: string, now: Date): string | null {
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== "d1") return null;
  const [v, userId, exp, sig] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(secret, `${v}.${userId}.${exp}`, path));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!(Number(exp) >= now.getTime())) return null;
  return userId;
}

function sign(secret: string, payload: string, path: string): string {
  // A distinct purpose prefix: a download token can never pass as a session token, nor the reverse.
  return createHmac("sha256", secret).update(`download|${path}|${payload}`).digest("base64url");
}
