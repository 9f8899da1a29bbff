import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vnWallClock } from "../../../domain/shared/time";
import { buildApp } from "../../app";
import { DIALECTS } from "../../test/dialects";
import { FakeZalo } from "../../test/fake-zalo";
import { fakeZaloForSuite, type ReminderTestApp, rule, setupReminders } from "./reminders.test-helpers";
import { ReminderWorker } from "./reminders.worker";

const MIN = 60_000;

describe.each(DIALECTS)("reminder scheduler and Zalo worker on %s", (dialect) => {
  let t: ReminderTestApp | undefined;
  const zalo = fakeZaloForSuite(async () => {
    await t?.close();
    t = undefined;
  });

  const pushedTo = () => zalo.notifications.map((n) => n.headers.userId);

  it("queues a due rule once per person who has not finished, into the inbox and through Zalo with Zalo's headers", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 7, 8, 0), rules: [rule({ id: "s1-close-3d", offset: "-3d", atVnTime: "08:00", title: "Còn 3 ngày để hoàn thành cuộc thi" })] });
    const lan = await t.person("Nguyễn Thị Lan", { lessonsDone: 11 });
    await t.person("Trần Văn Hùng", { lessonsDone: 14, testDone: true });
    const report = await t.worker().tick();
    expect(report).toMatchObject({ occurrences: 1, queued: 1, sent: 1 });

    expect(pushedTo()).toEqual([lan.zaloId]);
    const push = zalo.notifications[0]!;
    expect(push.headers).toEqual({ apiKey: "Bearer fake-notify-key", userId: lan.zaloId, miniAppId: "fake-mini-app" });
    const body = push.body as { templateId: string; templateData: Record<string, string> };
    expect(body.templateId).toBe("tpl-reminder");
    // Zalo's title field holds 32 characters: the longer title is cut, never split mid-letter.
    expect(body.templateData.title).toBe("Còn 3 ngày để hoàn thành cuộc t…");
    expect(body.templateData.contentBody).toBe("Nguyễn Thị Lan còn 3 bài học và bài kiểm tra, hạn 23:59 10/06/2026.");
    expect(body.templateData.buttonUrl).toBe("https://zalo.me/s/fake-mini-app/learn");

    const inbox = (await t.app.inject({ method: "GET", url: "/api/inbox", headers: lan.auth })).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ kind: "reminder", title: "Còn 3 ngày để hoàn thành cuộc thi", path: "/learn", readAt: null });

    // Ticking again, or a second worker, never queues or pushes it twice.
    await t.worker().tick();
    await t.worker({ id: "another" }).tick();
    expect(zalo.notifications).toHaveLength(1);
    const [delivery] = await t.deliveries(lan.id);
    expect(delivery).toMatchObject({ status: "sent", attempts: 1, providerMessageId: "m1" });
    expect(delivery!.providerResponse).toContain("Success");
  });

  it("skips people Zalo will not deliver to — no Zalo id, no consent, inactive for 7 days — but keeps the message in their inbox", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 7, 8, 0), rules: [rule({ id: "r", offset: "-3d", atVnTime: "08:00" })] });
    const ok = await t.person("Có thể nhận");
    const people = [
      await t.person("Chưa có Zalo", { zaloId: null }),
      await t.person("Chưa được hỏi", { consent: null }),
      await t.person("Đã từ chối", { consent: 0 }),
      await t.person("Vắng 8 ngày", { activeDaysAgo: 8 }),
    ];
    await t.person("Vừa 6 ngày", { activeDaysAgo: 6 });
    const report = await t.worker().tick();
    expect(report).toMatchObject({ queued: 6, sent: 2, skipped: 4 });
    expect(pushedTo()).toContain(ok.zaloId);
    const reasons = await Promise.all(people.map(async (p) => (await t!.deliveries(p.id))[0]!.reason));
    expect(reasons).toEqual(["no_zalo_id", "no_consent", "no_consent", "inactive"]);
    for (const p of people) expect((await t.app.inject({ method: "GET", url: "/api/inbox/unread-count", headers: p.auth })).json()).toEqual({ unread: 1 });
  });

  it("sends nothing between 22:00 and 06:00 Vietnam time: it goes at 06:00, or is skipped for quiet hours if its deadline passes first", async () => {
    t = await setupReminders(dialect, zalo, {
      at: vnWallClock(2026, 6, 9, 22, 30),
      rules: [rule({ id: "late-evening", offset: "-1d", atVnTime: "22:30", maxDelay: "1d" }), rule({ id: "last-hour", offset: "-1h", maxDelay: "2h" })],
    });
    const lan = await t.person("Nguyễn Thị Lan");
    await t.worker().tick();
    expect(zalo.notifications).toHaveLength(0);
    expect(await t.deliveries(lan.id)).toMatchObject([{ ruleId: "late-evening", status: "queued", reason: "quiet_hours" }]);

    t.clock.set(vnWallClock(2026, 6, 10, 5, 59));
    await t.worker().tick();
    expect(zalo.notifications).toHaveLength(0);
    t.clock.set(vnWallClock(2026, 6, 10, 6, 0));
    await t.worker().tick();
    expect(pushedTo()).toEqual([lan.zaloId]);

    // 22:59:59 on the 10th: one hour before the close, inside quiet hours; the close passes before 06:00.
    t.clock.set(vnWallClock(2026, 6, 10, 23, 0));
    await t.worker().tick();
    t.clock.set(vnWallClock(2026, 6, 11, 0, 1));
    await t.worker().tick();
    expect(zalo.notifications).toHaveLength(1);
    const last = (await t.deliveries(lan.id)).find((d) => d.ruleId === "last-hour");
    expect(last).toMatchObject({ status: "skipped", reason: "quiet_hours" });
  });

  it("does not push a 'you have not finished' reminder to someone who finished after it was queued", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 9, 22, 30), rules: [rule({ id: "r", offset: "-1d", atVnTime: "22:30", maxDelay: "1d" })] });
    const lan = await t.person("Nguyễn Thị Lan", { lessonsDone: 12 });
    const hoa = await t.person("Lê Thị Hoa", { lessonsDone: 12 });
    await t.worker().tick(); // queued at night, waiting for 06:00
    await t.finish(lan.id, 12);
    t.clock.set(vnWallClock(2026, 6, 10, 6, 0));
    expect(await t.worker().tick()).toMatchObject({ sent: 1, skipped: 1 });
    expect(pushedTo()).toEqual([hoa.zaloId]);
    expect((await t.deliveries(lan.id))[0]).toMatchObject({ status: "skipped", reason: "finished" });
  });

  it("pushes at most one message per person per Vietnam day; the second waits for tomorrow's window", async () => {
    t = await setupReminders(dialect, zalo, {
      at: vnWallClock(2026, 6, 7, 8, 0),
      rules: [rule({ id: "a-first", offset: "-3d", atVnTime: "08:00" }), rule({ id: "b-second", offset: "-3d", atVnTime: "08:00", audience: "everyone" })],
    });
    const lan = await t.person("Nguyễn Thị Lan");
    await t.worker().tick();
    expect(zalo.notifications).toHaveLength(1);
    const waiting = (await t.deliveries(lan.id)).find((d) => d.status !== "sent");
    expect(waiting).toMatchObject({ status: "queued", reason: "user_daily_cap", sendAfter: vnWallClock(2026, 6, 8, 6, 0).toISOString() });
    // Both are in the inbox at once.
    expect((await t.app.inject({ method: "GET", url: "/api/inbox/unread-count", headers: lan.auth })).json()).toEqual({ unread: 2 });

    t.clock.set(vnWallClock(2026, 6, 7, 21, 0));
    await t.worker().tick();
    expect(zalo.notifications).toHaveLength(1);
    t.clock.set(vnWallClock(2026, 6, 8, 6, 0));
    await t.worker().tick();
    expect(zalo.notifications).toHaveLength(2);
    expect((await t.deliveries(lan.id)).map((d) => d.status)).toEqual(["sent", "sent"]);
  });

  it("under the app's daily cap, sends first to those with the least progress, the rest the next day", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 7, 8, 0), rules: [rule({ id: "r", offset: "-3d", atVnTime: "08:00" })], env: { REMINDERS_DAILY_CAP: "2" } });
    const most = await t.person("Đã học 12 bài", { lessonsDone: 12 });
    const none = await t.person("Chưa học bài nào", { lessonsDone: 0 });
    const some = await t.person("Đã học 5 bài", { lessonsDone: 5 });
    const test = await t.person("Học đủ, chưa kiểm tra", { lessonsDone: 14 });
    await t.worker().tick();
    expect(pushedTo()).toEqual([none.zaloId, some.zaloId]);
    for (const p of [most, test]) expect((await t.deliveries(p.id))[0]).toMatchObject({ status: "queued", reason: "daily_cap" });

    const organizer = await t.signIn("Ban tổ chức", "organizer");
    const view = (await t.app.inject({ method: "GET", url: "/api/reminders/overview", headers: organizer.auth })).json();
    expect(view.limits).toMatchObject({ dailyCap: 2, usedToday: 2 });
    expect(view.rules.find((r: { ruleId: string }) => r.ruleId === "r")).toMatchObject({ state: "sent", messages: 4, zalo: { sent: 2, queued: 2 }, waitingBy: { daily_cap: 2 } });

    t.clock.set(vnWallClock(2026, 6, 8, 6, 0));
    await t.worker().tick();
    expect(pushedTo()).toEqual([none.zaloId, some.zaloId, most.zaloId, test.zaloId]);
  });

  it("retries a rejected push with growing backoff, records Zalo's answer, and gives up after the last attempt", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 7, 8, 0), rules: [rule({ id: "r", offset: "-3d", atVnTime: "08:00" })], env: { REMINDERS_MAX_ATTEMPTS: "3" } });
    const lan = await t.person("Nguyễn Thị Lan");
    zalo.notificationBehaviour = ["fail", "http500"];
    const w = t.worker();
    expect(await w.tick()).toMatchObject({ rejected: 1, sent: 0 });
    expect((await t.deliveries(lan.id))[0]).toMatchObject({ status: "queued", attempts: 1, lastError: "Zalo error -32: quota exceeded" });
    await w.tick();
    expect(zalo.notificationBehaviour).toEqual(["http500"]); // backing off: not tried again yet
    t.clock.advance(1 * MIN);
    expect(await w.tick()).toMatchObject({ rejected: 1 });
    expect((await t.deliveries(lan.id))[0]).toMatchObject({ attempts: 2, lastError: "HTTP 500" });
    t.clock.advance(1 * MIN);
    expect(await w.tick()).toMatchObject({ sent: 0, rejected: 0 });
    t.clock.advance(1 * MIN);
    expect(await w.tick()).toMatchObject({ sent: 1 });
    expect((await t.deliveries(lan.id))[0]).toMatchObject({ status: "sent", attempts: 3 });
    // A rejection frees the day's slots: the quota counts only what Zalo accepted.
    const organizer = await t.signIn("Ban tổ chức", "organizer");
    expect((await t.app.inject({ method: "GET", url: "/api/reminders/overview", headers: organizer.auth })).json().limits.usedToday).toBe(1);

    const hoa = await t.person("Lê Thị Hoa");
    await t.app.inject({ method: "POST", url: "/api/reminders/nudge", headers: organizer.auth, payload: { userIds: [hoa.id] } });
    zalo.notificationBehaviour = ["fail", "fail", "fail"];
    await w.tick();
    t.clock.advance(1 * MIN);
    await w.tick();
    t.clock.advance(2 * MIN);
    await w.tick();
    t.clock.advance(60 * MIN);
    await w.tick();
    expect((await t.deliveries(hoa.id))[0]).toMatchObject({ status: "failed", attempts: 3 });
    expect(zalo.notifications.map((n) => n.headers.userId)).toEqual([lan.zaloId]);
  });

  it("records a timed-out push as 'unknown' and never sends it again (it may have arrived)", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 7, 8, 0), rules: [rule({ id: "r", offset: "-3d", atVnTime: "08:00" })], env: { REMINDERS_SEND_TIMEOUT_MS: "300" } });
    const lan = await t.person("Nguyễn Thị Lan");
    zalo.notificationBehaviour = ["timeout"];
    expect(await t.worker().tick()).toMatchObject({ unknown: 1, sent: 0 });
    t.clock.advance(120 * MIN);
    await t.worker().tick();
    expect(zalo.notifications).toHaveLength(0);
    expect((await t.deliveries(lan.id))[0]).toMatchObject({ status: "unknown", attempts: 1, lastError: "no answer within 300 ms" });
  });

  it("a worker killed between sending and recording: no duplicate; the unsent rest goes out; the unsure one is 'unknown'", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 7, 8, 0), rules: [rule({ id: "r", offset: "-3d", atVnTime: "08:00" })] });
    const people = [await t.person("Người 1"), await t.person("Người 2"), await t.person("Người 3")];
    const doomed = t.worker({
      id: "doomed",
      hooks: {
        afterSend: () => {
          throw new Error("process killed");
        },
      },
    });
    await expect(doomed.tick()).rejects.toThrow("process killed");
    expect(zalo.notifications).toHaveLength(1);
    const statuses = (await t.deliveries()).map((d) => d.status).sort();
    expect(statuses).toEqual(["claimed", "claimed", "sending"]);

    // While the dead worker's leases run, nobody touches its messages.
    const survivor = t.worker({ id: "survivor" });
    expect(await survivor.tick()).toMatchObject({ sent: 0, requeued: 0 });
    t.clock.advance(11 * MIN);
    expect(await survivor.tick()).toMatchObject({ requeued: 2, unknown: 1, sent: 2 });

    expect(zalo.notifications).toHaveLength(3);
    expect(new Set(pushedTo())).toEqual(new Set(people.map((p) => p.zaloId)));
    const final = await t.deliveries();
    expect(final.filter((d) => d.status === "sent")).toHaveLength(2);
    expect(final.find((d) => d.status === "unknown")?.lastError).toContain("not re-sent");
    for (const p of people) expect((await t.app.inject({ method: "GET", url: "/api/inbox/unread-count", headers: p.auth })).json()).toEqual({ unread: 1 });
  });

  it("catch-up after downtime: only the latest reminder of a group goes out, older ones are superseded, long-missed ones dropped", async () => {
    const group = [
      rule({ id: "close-3d", offset: "-3d", atVnTime: "08:00", group: "close" }),
      rule({ id: "close-1d", offset: "-1d", atVnTime: "08:00", group: "close" }),
      rule({ id: "close-3h", offset: "-3h", group: "close", maxDelay: "2h" }),
      rule({ id: "opens", edge: "opens", audience: "everyone", maxDelay: "1d" }),
    ];
    // The server was down from 06/06 until 21:30 on the 10th.
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 10, 21, 30), rules: group });
    const lan = await t.person("Nguyễn Thị Lan");
    const report = await t.worker().tick();
    expect(report).toMatchObject({ occurrences: 4, queued: 1, sent: 1 });
    expect((await t.deliveries(lan.id)).map((d) => d.ruleId)).toEqual(["close-3h"]);

    const organizer = await t.signIn("Ban tổ chức", "organizer");
    const view = (await t.app.inject({ method: "GET", url: "/api/reminders/overview", headers: organizer.auth })).json();
    const state = Object.fromEntries(view.rules.map((r: { ruleId: string; state: string }) => [r.ruleId, r.state]));
    expect(state).toEqual({ opens: "late", "close-3d": "superseded", "close-1d": "superseded", "close-3h": "sent", nudge: "manual", test: "manual" });
  });

  it("two workers running at once never send the same message", async () => {
    // Queued at 05:30 (quiet hours), so that at 06:00 both workers find the same 40 messages waiting.
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 7, 5, 30), rules: [rule({ id: "r", offset: "-3d", atVnTime: "05:30" })], env: { REMINDERS_BATCH_SIZE: "7" } });
    for (let i = 0; i < 40; i++) await t.person(`Người ${i + 1}`, { lessonsDone: i % 14 });
    expect(await t.worker().tick()).toMatchObject({ queued: 40, sent: 0 });
    t.clock.set(vnWallClock(2026, 6, 7, 6, 0));
    const a = t.worker({ id: "a" });
    const b = t.worker({ id: "b" });
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(zalo.notifications).toHaveLength(40);
    expect(new Set(pushedTo()).size).toBe(40);
    expect((await t.deliveries()).every((d) => d.status === "sent" && d.attempts === 1)).toBe(true);
  });
});

describe("two API replicas on one PostgreSQL database", () => {
  const zalo = new FakeZalo();
  beforeAll(() => zalo.start().then(() => undefined));
  afterAll(() => zalo.stop());

  it("each message is claimed and pushed by exactly one replica, and the daily cap holds across both", async () => {
    const t = await setupReminders("postgres", zalo, { at: vnWallClock(2026, 6, 7, 5, 30), rules: [rule({ id: "r", offset: "-3d", atVnTime: "05:30" })], env: { REMINDERS_BATCH_SIZE: "5", REMINDERS_DAILY_CAP: "50" } });
    // A second API process: its own connection pool, same database, same clock.
    const replica = await buildApp({ env: t.env, clock: t.clock, pack: t.pack, logger: false, wwwDir: "/nonexistent" });
    try {
      for (let i = 0; i < 60; i++) await t.person(`Người ${i + 1}`);
      // Both schedulers race for the same occurrence: one wins, the other finds it handled.
      const [s1, s2] = await Promise.all([t.worker({ id: "a" }).tick(), new ReminderWorker(replica.ctx, { id: "b" }).tick()]);
      expect(s1.queued + s2.queued).toBe(60);
      t.clock.set(vnWallClock(2026, 6, 7, 6, 0));
      const workers = [t.worker({ id: "a1" }), t.worker({ id: "a2" }), new ReminderWorker(replica.ctx, { id: "b1" }), new ReminderWorker(replica.ctx, { id: "b2" })];
      const reports = await Promise.all(workers.map((w) => w.tick()));
      expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(50);
      expect(reports.filter((r) => r.sent > 0).length).toBeGreaterThan(1);
      expect(zalo.notifications).toHaveLength(50);
      expect(new Set(zalo.notifications.map((n) => n.headers.userId)).size).toBe(50);
      const waiting = (await t.deliveries()).filter((d) => d.status === "queued");
      expect(waiting).toHaveLength(10);
      expect(waiting.every((d) => d.reason === "daily_cap")).toBe(true);
    } finally {
      await replica.close();
      await t.close();
    }
  });
});
