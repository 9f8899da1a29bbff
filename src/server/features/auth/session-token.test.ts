import { describe, expect, it } from "vitest";
import { issueSessionToken, SESSION_TTL_MS, SessionTokenVerifier, verifySessionToken } from "./session-token";

const SECRET = "a-secret-of-at-least-32-characters-long";
const t0 = new Date("2026-06-10T10:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

/** The same payload with another signature of the same length. */
function forged(token: string): string {
  const sig = token.slice(token.lastIndexOf(".") + 1);
  const other = sig.replace(/^./, (c) => (c === "A" ? "B" : "A"));
  return `${token.slice(0, token.lastIndexOf(".") + 1)}${other}`;
}

describe("SessionTokenVerifier (remembered signatures)", () => {
  it("accepts what verifySessionToken accepts, and remembers only valid signatures", () => {
    const v = new SessionTokenVerifier(SECRET);
    const token = issueSessionToken(SECRET, "u1", t0, 3, "s1");
    expect(v.verify(token, t0)).toEqual(verifySessionToken(SECRET, token, t0));
    expect(v.verify(token, later(1000))).toMatchObject({ ok: true, userId: "u1", sessionId: "s1", version: 3 });
    expect(v.verify(forged(token), t0)).toEqual({ ok: false, reason: "invalid" });
    expect(v.verify("v2.u1.s1.3.1.x", t0)).toEqual({ ok: false, reason: "invalid" });
    expect(v.size()).toBe(1);
  });

  it("refuses a forged signature on the payload of a remembered token", () => {
    const v = new SessionTokenVerifier(SECRET);
    const token = issueSessionToken(SECRET, "u1", t0, 1, "s1");
    expect(v.verify(token, t0).ok).toBe(true);
    // Keyed by the payload alone, the forgery would pass from the cache.
    expect(v.verify(forged(token), t0)).toEqual({ ok: false, reason: "invalid" });
    // A token for another user made by swapping the user id keeps the old signature: refused.
    expect(v.verify(token.replace(".u1.", ".u2."), t0)).toEqual({ ok: false, reason: "invalid" });
  });

  it("re-checks the time on every call: a remembered token expires on time", () => {
    const v = new SessionTokenVerifier(SECRET);
    const token = issueSessionToken(SECRET, "u1", t0, 1, "s1");
    expect(v.verify(token, later(SESSION_TTL_MS - 1)).ok).toBe(true);
    expect(v.verify(token, later(SESSION_TTL_MS + 1))).toEqual({ ok: false, reason: "expired" });
    // …and a clock set back far enough to make it look issued in the future is still refused.
    expect(v.verify(token, later(-SESSION_TTL_MS))).toEqual({ ok: false, reason: "invalid" });
  });

  it("does not accept a token signed with another secret, even when another verifier knows it", () => {
    const other = new SessionTokenVerifier("another-secret-of-at-least-32-chars!!");
    const token = issueSessionToken("another-secret-of-at-least-32-chars!!", "u1", t0, 1, "s1");
    expect(other.verify(token, t0).ok).toBe(true);
    expect(new SessionTokenVerifier(SECRET).verify(token, t0)).toEqual({ ok: false, reason: "invalid" });
  });

  it("stays within its bound, dropping the oldest entries first", () => {
    const v = new SessionTokenVerifier(SECRET, 3);
    const tokens = ["a", "b", "c", "d", "e"].map((u) => issueSessionToken(SECRET, u, t0, 1, `s-${u}`));
    for (const t of tokens) expect(v.verify(t, t0).ok).toBe(true);
    expect(v.size()).toBe(3);
    // Dropped ones are checked afresh, still valid.
    expect(v.verify(tokens[0]!, t0)).toMatchObject({ ok: true, userId: "a" });
    expect(v.size()).toBe(3);
  });
});
