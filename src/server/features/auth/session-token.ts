import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Sessions last a week and slide: a token past half its life is renewed on use (header x-session-token). */
export const SESSION_TTL_MS = 7 * 24 * 3600_000;
export const SESSION_RENEW_AFTER_MS = SESSION_TTL_MS / 2;
/** Clock skew tolerated between replicas when capping a token's expiry. */
const SKEW_MS = 5 * 60_000;

export type SessionClaims = { userId: string; sessionId: string; version: number; expiresMs: number };

/**
 * Bearer token "v2.<userId>.<sessionId>.<sessionVersion>.<expiresMs>.<hmac>". The user row is loaded
 * per request: the version must match the user's (bumped to sign out everywhere) and the session id
 * must not be revoked (sign out on this device).
 */
export function issueSessionToken(secret: string, userId: string, now: Date, version = 1, sessionId = randomBytes(12).toString("base64url")): string {
  const payload = `v2.${userId}.${sessionId}.${version}.${now.getTime() + SESSION_TTL_MS}`;
  return `${payload}.${sign(secret, payload)}`;
}

export type TokenCheck = ({ ok: true } & SessionClaims) | { ok: false; reason: "invalid" | "expired" };

export function verifySessionToken(secret: string, token: string, now: Date): TokenCheck {
  const parts = token.split(".");
  // v1 tokens (30 days, not revocable) are no longer honoured: the app signs in again.
  if (parts[0] === "v1") return { ok: false, reason: "expired" };
  if (parts.length !== 6 || parts[0] !== "v2") return { ok: false, reason: "invalid" };
  const [, userId, sessionId, version, exp, sig] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(sign(secret, parts.slice(0, 5).join(".")));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  const expiresMs = Number(exp);
  const v = Number(version);
  if (!Number.isSafeInteger(expiresMs) || !Number.isSafeInteger(v)) return { ok: false, reason: "invalid" };
  return checkTime({ ok: true, userId, sessionId, version: v, expiresMs }, now);
}

/** The checks that depend on the time: made on every request, whether the signature was just checked or remembered. */
function checkTime(claims: TokenCheck & { ok: true }, now: Date): TokenCheck {
  // Expiry is capped server-side: a token claiming to outlive its lifetime is not one we issued.
  if (claims.expiresMs > now.getTime() + SESSION_TTL_MS + SKEW_MS) return { ok: false, reason: "invalid" };
  if (claims.expiresMs < now.getTime()) return { ok: false, reason: "expired" };
  return claims;
}

/**
 * verifySessionToken with the tokens whose signature it has already checked remembered (the HMAC was
 * 3–5 % of the API's CPU at the deadline, one per request). Keyed by the whole token, signature
 * included, so a token differing in any byte is checked afresh; only valid signatures are kept, and
 * the time checks run on every call. Bounded: the oldest entry goes first.
 */
export class SessionTokenVerifier {
  private readonly known = new Map<string, TokenCheck & { ok: true }>();

  constructor(
    private readonly secret: string,
    private readonly maxEntries = 20_000,
  ) {}

  verify(token: string, now: Date): TokenCheck {
    const hit = this.known.get(token);
    if (hit) return checkTime(hit, now);
    const check = verifySessionToken(this.secret, token, now);
    // An expired token is not remembered: it can never pass again.
    if (check.ok) {
      this.known.set(token, check);
      if (this.known.size > this.maxEntries) this.known.delete(this.known.keys().next().value as string);
    }
    return check;
  }

  size(): number {
    return this.known.size;
  }
}

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}
