import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { entriesWorld, type EntriesWorld, multipart, pdf, ROUND } from "./entries.test-helpers";

/** Issue 10 (rate limits), the entries feature's anonymous routes: desktop sign-in and upload links. */
describe.each(DIALECTS)("entries' anonymous routes under rate limits (%s)", (dialect) => {
  let w: EntriesWorld;
  const from = (ip: string) => ({ "x-forwarded-for": ip });
  beforeAll(async () => {
    w = await entriesWorld(dialect, {
      TRUST_PROXY: "1",
      RATE_LIMIT_DESKTOP_CODES: "3",
      RATE_LIMIT_DESKTOP_POLLS: "5",
      RATE_LIMIT_PUBLIC: "2",
      RATE_LIMIT_UPLOADS: "3",
      RATE_LIMIT_WRITES: "100",
      RATE_LIMIT_READS: "1000",
    });
  });
  afterAll(async () => {
    await w?.close();
    if (w) rmSync(w.filesDir, { recursive: true, force: true });
  });

  it("limits desktop sign-in codes and polls per IP, each with its own budget", async () => {
    const code = (ip: string) => w.app.inject({ method: "POST", url: "/api/entries/desktop-sign-in", headers: from(ip) });
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await code("203.0.113.20"));
    expect(made.map((r) => r.statusCode)).toEqual([200, 200, 200, 429, 429]);
    expect(made[3]!.json().error.code).toBe("RATE_LIMITED");
    expect(Number(made[3]!.headers["retry-after"])).toBeGreaterThan(0);
    // Another office has its own budget.
    expect((await code("198.51.100.20")).statusCode).toBe(200);

    const { pollToken } = made[0]!.json() as { pollToken: string };
    const polls: number[] = [];
    for (let i = 0; i < 7; i++) polls.push((await w.app.inject({ method: "GET", url: `/api/entries/desktop-sign-in/${pollToken}`, headers: from("203.0.113.20") })).statusCode);
    expect(polls).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it("never confirms a code two desktops wait with: the person typing it could be signing in a stranger's browser", async () => {
    const mine = (await w.app.inject({ method: "POST", url: "/api/entries/desktop-sign-in", headers: from("192.0.2.31") })).json() as { code: string; pollToken: string };
    // Someone else's desktop waits with the same six digits (made by the thousand, or by chance).
    const theirs = "attacker-poll-token-0000000000";
    const at = w.clock.now();
    await w.app.ctx.db
      .insertInto("entrySignInCodes")
      .values({ pollHash: createHash("sha256").update(theirs).digest("hex"), code: mine.code.replace(/\s/g, ""), userId: null, createdAt: at.toISOString(), expiresAt: new Date(at.getTime() + 60_000).toISOString(), confirmedAt: null, usedAt: null })
      .execute();
    const confirm = await w.app.inject({ method: "POST", url: "/api/entries/desktop-sign-in/confirm", headers: w.leadA.auth, payload: { code: mine.code } });
    expect(confirm.statusCode).toBe(404);
    const stranger = await w.app.inject({ method: "GET", url: `/api/entries/desktop-sign-in/${theirs}`, headers: from("192.0.2.99") });
    expect(stranger.json()).toEqual({ status: "waiting" });
  });

  it("counts upload-link uploads against the link's owner, not the office's IP; forged links stay per IP", async () => {
    const unit = w.units[0];
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) tokens.push((await w.app.inject({ method: "POST", url: `/api/entries/${ROUND}/units/${unit}/upload-token`, headers: w.leadA.auth })).json().url as string);
    const office = from("192.0.2.50");
    const sent: number[] = [];
    for (const [i, url] of tokens.entries()) {
      const m = multipart(await pdf("Tác giả", `Tep ${i}`), `tep-${i}.pdf`);
      sent.push((await w.app.inject({ method: "POST", url, headers: { ...office, ...m.headers }, payload: m.payload })).statusCode);
    }
    // More than the IP's anonymous budget (2) went through; the person's upload budget (3) still holds.
    expect(sent).toEqual([200, 200, 200, 429]);

    const forged: number[] = [];
    for (let i = 0; i < 3; i++) {
      const m = multipart(await pdf("X"), "x.pdf");
      forged.push((await w.app.inject({ method: "POST", url: `/api/entries/uploads/forged-upload-token-00${i}`, headers: { ...from("192.0.2.51"), ...m.headers }, payload: m.payload })).statusCode);
    }
    expect(forged).toEqual([401, 401, 429]);
  });
});
