import { createHmac, timingSafeEqual } from "node:crypto";

const TTL_MS = 30 * 24 * 3600_000;

/** Stateless bearer token: "v1.<userId>.<expiresMs>.<hmac>". The user row is still loaded per request. */
export function issueSessionToken(secret: string, userId: string, now: Date): string {
  const payload = `v1.${userId}.${now.getTime() + TTL_MS}`;
  return `${payload}.${sign(secret, payload)}`;
}

export type TokenCheck = { ok: true; userId: string } | { ok: false; reason: "invalid" | "expired" };

export function verifySessionToken(secret: string, token: string, now: Date): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== "v1") return { ok: false, reason: "invalid" };
  const [v, userId, exp, sig] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(secret, `${v}.${userId}.${exp}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  if (Number(exp) < now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, userId };
}

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}
