import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { entriesWorld, type EntriesWorld, ROUND } from "./entries.test-helpers";

/**
 * Issue 10 #1 on the entries feature: a unit lead acts for the unit the role was granted for
 * (`users.role_unit_code`, shared/unit-authz.ts), never for whatever unit `users.unit_code` says.
 */
describe.each(DIALECTS)("entries are scoped to the unit a lead was granted for (%s)", (dialect) => {
  let w: EntriesWorld;
  beforeEach(async () => {
    w = await entriesWorld(dialect);
  });
  afterEach(async () => {
    await w.close();
  });

  it("refuses a lead whose grant is for another unit: no entry, no invitation link, no edit", async () => {
    const [A, B] = w.units;
    // A lead granted for B whose profile says A (e.g. an account that predates the binding, or a stale row).
    const drifted = await w.signIn("Lãnh Đạo Trôi", "unit_lead", B);
    await w.app.ctx.db.updateTable("users").set({ unitCode: A }).where("id", "=", drifted.user.id).execute();
    const url = (tail = "") => `/api/entries/${ROUND}/units/${A}${tail}`;

    const read = await w.app.inject({ method: "GET", url: url(), headers: drifted.auth });
    expect(read.statusCode).toBe(403);
    const link = await w.app.inject({ method: "GET", url: url("/invite-link"), headers: drifted.auth });
    expect(link.statusCode).toBe(403);
    const save = await w.app.inject({ method: "PUT", url: url("/draft"), headers: drifted.auth, payload: { baseVersion: 0, draft: { fields: { title: "Chiếm quyền" } } } });
    expect(save.statusCode).toBe(403);

    // A's own lead still works, and the drifted account is not among the leads invited for A.
    const own = await w.app.inject({ method: "GET", url: url(), headers: w.leadA.auth });
    expect(own.statusCode).toBe(200);
    const invited = await w.app.inject({ method: "POST", url: `/api/entries/${ROUND}/invitations`, headers: w.org.auth });
    expect(invited.statusCode).toBe(200);
    const inbox = await w.app.ctx.db.selectFrom("reminderOutbox").select("userId").where("ruleId", "=", `entries-invite:${ROUND}`).execute();
    expect(inbox.map((r) => r.userId)).toContain(w.leadA.user.id);
    expect(inbox.map((r) => r.userId)).not.toContain(drifted.user.id);
  });
});
