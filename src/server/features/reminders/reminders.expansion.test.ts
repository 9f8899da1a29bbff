import { describe, expect, it } from "vitest";
import { vnWallClock } from "../../../domain/shared/time";
import { DIALECTS } from "../../test/dialects";
import { EXPANSION_LEASE_MS } from "./occurrence-expansion";
import { fakeZaloForSuite, type ReminderTestApp, rule, setupReminders } from "./reminders.test-helpers";
import { ReminderWorker } from "./reminders.worker";

describe.each(DIALECTS)("reminder send-outs expanded in chunks on %s", (dialect) => {
  let t: ReminderTestApp | undefined;
  const zalo = fakeZaloForSuite(async () => {
    await t?.close();
    t = undefined;
  });

  const outboxOf = (ruleId: string) => t!.app.ctx.db.selectFrom("reminderOutbox").select(["id", "userId"]).where("ruleId", "=", ruleId).execute();
  const occurrence = (ruleId: string) => t!.app.ctx.db.selectFrom("reminderOccurrences").selectAll().where("ruleId", "=", ruleId).executeTakeFirstOrThrow();

  it("queues a send-out a few recipients per transaction, then marks it sent with the full count", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 7, 8, 0), rules: [rule({ id: "s1-close-3d", offset: "-3d", atVnTime: "08:00" })], env: { REMINDERS_SEND_WINDOW: "00:00-00:01" } });
    for (let i = 0; i < 7; i++) await t.person(`Người nhận ${i}`);
    const seen: number[] = [];
    const report = await new ReminderWorker(t.app.ctx, { id: "w", expandChunk: 3, hooks: { afterChunk: (_r, n) => void seen.push(n) } }).tick();
    expect(seen).toEqual([3, 6, 7]);
    expect(report).toMatchObject({ occurrences: 1, queued: 7 });
    expect(await occurrence("s1-close-3d")).toMatchObject({ decision: "send", recipients: 7 });
    expect(await outboxOf("s1-close-3d")).toHaveLength(7);
  });

  it("a worker that dies between chunks: the send-out is resumed by the next one, every inbox message exactly once", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 7, 8, 0), rules: [rule({ id: "s1-close-3d", offset: "-3d", atVnTime: "08:00" })], env: { REMINDERS_SEND_WINDOW: "00:00-00:01" } });
    const people = [];
    for (let i = 0; i < 8; i++) people.push(await t.person(`Người nhận ${i}`));
    const dying = new ReminderWorker(t.app.ctx, {
      id: "dies",
      expandChunk: 3,
      hooks: {
        afterChunk: (_r, n) => {
          if (n >= 3) throw new Error("killed between chunks");
        },
      },
    });
    await expect(dying.tick()).rejects.toThrow("killed between chunks");
    expect(await outboxOf("s1-close-3d")).toHaveLength(3);
    expect(await occurrence("s1-close-3d")).toMatchObject({ decision: "expanding", recipients: 3 });

    // Within the lease nobody takes it over (its worker may still be alive), and it is not planned again.
    expect(await new ReminderWorker(t.app.ctx, { id: "early", expandChunk: 3 }).tick()).toMatchObject({ occurrences: 0, queued: 0 });
    expect(await outboxOf("s1-close-3d")).toHaveLength(3);

    t.clock.advance(EXPANSION_LEASE_MS + 1000);
    const resumed = await new ReminderWorker(t.app.ctx, { id: "next", expandChunk: 3 }).tick();
    expect(resumed).toMatchObject({ occurrences: 1, queued: 5 });
    const outbox = await outboxOf("s1-close-3d");
    expect(outbox.map((o) => o.userId).sort()).toEqual(people.map((p) => p.id).sort());
    expect(await occurrence("s1-close-3d")).toMatchObject({ decision: "send", recipients: 8 });
    // One push delivery per message, none for a message twice.
    const deliveries = await t.deliveries();
    expect(deliveries).toHaveLength(8);
    expect(new Set(deliveries.map((d) => d.userId)).size).toBe(8);
    for (const p of people) expect((await t.app.inject({ method: "GET", url: "/api/inbox/unread-count", headers: p.auth })).json()).toEqual({ unread: 1 });

    // Done is done: later ticks queue nothing more.
    t.clock.advance(EXPANSION_LEASE_MS + 1000);
    expect(await new ReminderWorker(t.app.ctx, { id: "later", expandChunk: 3 }).tick()).toMatchObject({ occurrences: 0, queued: 0 });
    expect(await outboxOf("s1-close-3d")).toHaveLength(8);
  });
});
