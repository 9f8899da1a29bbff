import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { vnWallClock } from "../../../domain/shared/time";
import { DIALECTS } from "../../test/dialects";
import { fakeZaloForSuite, type ReminderTestApp, rule, setupReminders } from "./reminders.test-helpers";

const DAY = 86400_000;

describe.each(DIALECTS)("inbox, nudges and the operator view on %s", (dialect) => {
  let t: ReminderTestApp | undefined;
  const zalo = fakeZaloForSuite(async () => {
    await t?.close();
    t = undefined;
  });

  const get = (url: string, headers: Record<string, string>) => t!.app.inject({ method: "GET", url, headers });
  const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) => t!.app.inject({ method: "POST", url, headers, ...(payload ? { payload } : {}) });

  it("lists my inbox newest first, page by page, counts unread, and marks read (only my own)", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 1, 9, 0) });
    const organizer = await t.signIn("Ban tổ chức", "organizer");
    const lan = await t.person("Nguyễn Thị Lan", { lessonsDone: 2 });
    const hoa = await t.person("Lê Thị Hoa");
    for (let i = 0; i < 3; i++) {
      expect((await post("/api/reminders/nudge", organizer.auth, { userIds: [lan.id] })).json().queued).toEqual([lan.id]);
      t.clock.advance(DAY);
    }
    const first = (await get("/api/inbox?limit=2", lan.auth)).json();
    expect(first.unread).toBe(3);
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).toMatchObject({ kind: "nudge", title: "Nhắc hoàn thành Giai đoạn 1", path: "/learn", readAt: null });
    expect(first.items[0].body).toBe("Đồng chí Ban tổ chức đề nghị đồng chí Nguyễn Thị Lan hoàn thành Giai đoạn 1 cuộc thi trước 23:59 10/06/2026 (còn 12 bài học và bài kiểm tra).");
    expect(Date.parse(first.items[0].createdAt)).toBeGreaterThan(Date.parse(first.items[1].createdAt));
    const second = (await get(`/api/inbox?limit=2&cursor=${first.nextCursor}`, lan.auth)).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();

    const read = await post(`/api/inbox/${first.items[0].id}/read`, lan.auth);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ unread: 2, item: { id: first.items[0].id, readAt: t.clock.now().toISOString() } });
    // Reading twice keeps the first time; someone else's message does not exist for me.
    t.clock.advance(60_000);
    expect((await post(`/api/inbox/${first.items[0].id}/read`, lan.auth)).json().item.readAt).toBe(read.json().item.readAt);
    const foreign = await post(`/api/inbox/${first.items[1].id}/read`, hoa.auth);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe("NOTIFICATION_NOT_FOUND");
    expect((await get("/api/inbox/unread-count", hoa.auth)).json()).toEqual({ unread: 0 });

    expect((await post("/api/inbox/read-all", lan.auth)).json()).toEqual({ unread: 0 });
    expect((await get("/api/inbox/unread-count", lan.auth)).json()).toEqual({ unread: 0 });
    expect((await t.app.inject({ method: "GET", url: "/api/inbox" })).statusCode).toBe(401);
    const bad = await get("/api/inbox?cursor=not-a-cursor", lan.auth);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("VALIDATION_FAILED");
  });

  it("lets a unit lead nudge people of their own unit only, once a day each, through the same Zalo limits", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 8, 9, 0), rules: [rule({ id: "r", offset: "-2d", atVnTime: "09:00" })] });
    const lead = await t.person("Trưởng phòng Hưng", { role: "unit_lead", unitCode: "10507", lessonsDone: 14, testDone: true });
    const lan = await t.person("Nguyễn Thị Lan", { unitCode: "10507" });
    const done = await t.person("Đã xong", { unitCode: "10507", lessonsDone: 14, testDone: true });
    const other = await t.person("Đơn vị khác", { unitCode: "10525" });
    const staff = await t.person("Cán bộ", { unitCode: "10507" });

    // The 09:00 rule already pushed to everyone unfinished today, Lan included.
    await t.worker().tick();
    expect(new Set(zalo.notifications.map((n) => n.headers.userId))).toEqual(new Set([lan.zaloId, other.zaloId, staff.zaloId]));
    t.clock.advance(5 * 60_000);

    const res = await post("/api/reminders/nudge", lead.auth, { userIds: [lan.id, done.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ queued: [lan.id], alreadyToday: [], finished: [done.id] });
    expect((await post("/api/reminders/nudge", lead.auth, { userIds: [lan.id] })).json()).toEqual({ queued: [], alreadyToday: [lan.id], finished: [] });

    const foreign = await post("/api/reminders/nudge", lead.auth, { userIds: [other.id] });
    expect(foreign.statusCode).toBe(403);
    expect((await post("/api/reminders/nudge", staff.auth, { userIds: [lan.id] })).statusCode).toBe(403);
    expect((await post("/api/reminders/nudge", lead.auth, { userIds: [randomUUID()] })).json().error.code).toBe("NOT_FOUND");
    expect((await post("/api/reminders/nudge", lead.auth, { userIds: [lan.id, lan.id] })).json().error.code).toBe("VALIDATION_FAILED");

    const inbox = (await get("/api/inbox", lan.auth)).json();
    expect(inbox.items.map((i: { kind: string }) => i.kind)).toEqual(["nudge", "reminder"]);
    expect(inbox.items[0].body).toContain("Đồng chí Trưởng phòng Hưng đề nghị đồng chí Nguyễn Thị Lan hoàn thành Giai đoạn 1");

    // Lan already had today's push: the nudge waits for tomorrow morning.
    const before = zalo.notifications.length;
    await t.worker().tick();
    expect(zalo.notifications).toHaveLength(before);
    expect((await t.deliveries(lan.id)).find((d) => d.ruleId === "nudge")).toMatchObject({ status: "queued", reason: "user_daily_cap" });
    t.clock.set(vnWallClock(2026, 6, 9, 6, 0));
    await t.worker().tick();
    expect(zalo.notifications.at(-1)?.headers.userId).toBe(lan.zaloId);

    t.clock.set(vnWallClock(2026, 6, 11, 9, 0));
    const closed = await post("/api/reminders/nudge", lead.auth, { userIds: [lan.id] });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe("STAGE_NOT_OPEN");
  });

  it("tells unit leads how many of their staff list still have to finish, and writes to leads of qualified units", async () => {
    t = await setupReminders(dialect, zalo, {
      at: vnWallClock(2026, 6, 18, 9, 0),
      rules: [
        rule({ id: "report", offset: "-2d", atVnTime: "09:00", audience: "unit_leads", title: "Báo cáo đơn vị", body: "Còn {unitPending} người chưa hoàn thành.", path: "/unit/{unitCode}", maxDelay: "30d" }),
        rule({ id: "s2", stage: "stage2", offset: "-2d", atVnTime: "09:00", audience: "qualified_unit_leads", title: "Hạn Giai đoạn 2", body: "Hạn {deadline}." }),
      ],
    });
    const lead = await t.person("Lãnh đạo Thành Đông", { role: "unit_lead", unitCode: "10507" });
    const otherLead = await t.person("Lãnh đạo khác", { role: "unit_lead", unitCode: "10525" });
    const done = await t.person("Đã xong", { unitCode: "10507", lessonsDone: 14, testDone: true });
    const notDone = await t.person("Chưa xong", { unitCode: "10507", lessonsDone: 3 });
    const at = t.clock.now().toISOString();
    const db = t.app.ctx.db;
    await db
      .insertInto("rosterEntries")
      .values(
        [
          { fullName: "Đã xong", userId: done.id },
          { fullName: "Chưa xong", userId: notDone.id },
          { fullName: "Chưa có tài khoản", userId: null },
        ].map((r, i) => ({ id: randomUUID(), unitCode: "10507", rowKey: `row-${i}`, fullName: r.fullName, phone: null, position: null, subUnit: null, userId: r.userId, isLead: 0, source: "import" as const, createdAt: at, updatedAt: at })),
      )
      .execute();
    await db
      .insertInto("qualifierConfirmations")
      .values({ id: randomUUID(), stageId: "stage1", unitCodes: JSON.stringify(["10507"]), proposed: "{}", changed: 0, reason: null, confirmedBy: lead.id, confirmedAt: at })
      .execute();

    // The unit report rule, seen as it would have fired on 08/06.
    t.clock.set(vnWallClock(2026, 6, 8, 9, 5));
    await t.worker().tick();
    const report = (await get("/api/inbox", lead.auth)).json().items[0];
    expect(report).toMatchObject({ title: "Báo cáo đơn vị", body: "Còn 2 người chưa hoàn thành.", path: "/unit/10507" });
    // The other unit has no staff list: its accounts count (the lead alone, not finished).
    expect((await get("/api/inbox", otherLead.auth)).json().items[0].body).toBe("Còn 1 người chưa hoàn thành.");

    t.clock.set(vnWallClock(2026, 6, 18, 9, 0));
    await t.worker().tick();
    expect((await get("/api/inbox", lead.auth)).json().items.map((i: { title: string }) => i.title)).toEqual(["Hạn Giai đoạn 2", "Báo cáo đơn vị"]);
    expect((await get("/api/inbox", otherLead.auth)).json().items.map((i: { title: string }) => i.title)).toEqual(["Báo cáo đơn vị"]);
  });

  it("shows organisers, per rule, what was queued, sent, failed and skipped and why, and how many can still be reached in time", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 9, 10, 0), rules: [rule({ id: "r", offset: "-1d", atVnTime: "10:00" }), rule({ id: "later", offset: "-3h" })], env: { REMINDERS_DAILY_CAP: "2" } });
    const organizer = await t.signIn("Ban tổ chức", "organizer");
    await t.person("Lan", { lessonsDone: 1 });
    await t.person("Hoa", { lessonsDone: 2 });
    await t.person("Minh", { lessonsDone: 3 });
    await t.person("Không Zalo", { zaloId: null });
    await t.person("Từ chối", { consent: 0 });
    await t.person("Vắng", { activeDaysAgo: 9 });
    await t.person("Xong", { lessonsDone: 14, testDone: true });
    zalo.notificationBehaviour = ["fail"];

    const before = (await get("/api/reminders/overview", organizer.auth)).json();
    // 6 still have to finish; 3 can get a Zalo push; 2 a day × 2 send days (09/06, 10/06) = 4 slots.
    expect(before.reach).toMatchObject({ pending: 6, noZaloId: 1, noConsent: 1, inactive: 1, eligible: 3, capacity: 4, reachableInTime: 3, sendDays: 2 });
    expect(before.rules.find((r: { ruleId: string }) => r.ruleId === "r").state).toBe("due");

    await t.worker().tick();
    const view = (await get("/api/reminders/overview", organizer.auth)).json();
    expect(view.limits).toMatchObject({ channels: ["zalo_mini_app"], zaloConfigured: true, dailyCap: 2, usedToday: 2, sendWindow: "06:00–22:00", inWindowNow: true, activeDays: 7, workerRunning: false });
    const r = view.rules.find((x: { ruleId: string }) => x.ruleId === "r");
    expect(r).toMatchObject({ title: "Sắp hết hạn {stage}", audience: "unfinished", state: "sent", messages: 6 });
    // Lan's push was rejected (retry in a minute, her slot given back), so Hoa and Minh used today's two.
    expect(r.zalo).toEqual({ queued: 1, sending: 0, sent: 2, failed: 0, unknown: 0, skipped: 3 });
    expect(r.skippedBy).toEqual({ no_zalo_id: 1, no_consent: 1, inactive: 1 });
    expect(view.rules.find((x: { ruleId: string }) => x.ruleId === "later").state).toBe("upcoming");
    expect(view.recentProblems[0]).toMatchObject({ ruleId: "r", fullName: "Lan", status: "queued", error: "Zalo error -32: quota exceeded" });
    // Today's two slots are used: only tomorrow's two remain for the three reachable people.
    expect(view.reach).toMatchObject({ capacity: 2, reachableInTime: 2 });

    const staff = await t.person("Cán bộ");
    expect((await get("/api/reminders/overview", staff.auth)).statusCode).toBe(403);
    const docs = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(["/api/inbox", "/api/inbox/unread-count", "/api/inbox/{id}/read", "/api/reminders/nudge", "/api/reminders/overview"]));
  });

  it("lets an organiser send a rule's reminder to themselves through the real pipeline, to check the Zalo key and the wording", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 2, 10, 0), rules: [rule({ id: "close-3d", offset: "-3d", atVnTime: "08:00", title: "Còn 3 ngày", body: "{name} {remaining}, hạn {deadline}." })] });
    const organiser = await t.person("Phạm Thu Hà", { role: "organizer", lessonsDone: 14 });
    const res = await post("/api/reminders/test", organiser.auth, { ruleId: "close-3d" });
    expect(res.statusCode).toBe(200);
    expect(res.json().item).toMatchObject({ title: "Còn 3 ngày", body: "Phạm Thu Hà còn bài kiểm tra, hạn 23:59 10/06/2026.", readAt: null });
    await t.worker().tick();
    expect(zalo.notifications.map((n) => n.headers.userId)).toEqual([organiser.zaloId]);
    const view = (await get("/api/reminders/overview", organiser.auth)).json();
    expect(view.rules.find((r: { ruleId: string }) => r.ruleId === "test")).toMatchObject({ audience: "test", messages: 1, zalo: { sent: 1 } });
    // The rule itself has not fired: the test does not count as its occurrence.
    expect(view.rules.find((r: { ruleId: string }) => r.ruleId === "close-3d")).toMatchObject({ state: "upcoming", messages: 0 });

    expect((await post("/api/reminders/test", organiser.auth, { ruleId: "nope" })).json().error.code).toBe("NOT_FOUND");
    const staff = await t.person("Cán bộ");
    expect((await post("/api/reminders/test", staff.auth, { ruleId: "close-3d" })).statusCode).toBe(403);
  });

  it("runs the scheduler in the API process when REMINDERS_WORKER is on, and stops it on close", async () => {
    t = await setupReminders(dialect, zalo, { at: vnWallClock(2026, 6, 9, 10, 0), env: { REMINDERS_WORKER: "1", REMINDERS_TICK_SECONDS: "3600" } });
    const organizer = await t.signIn("Ban tổ chức", "organizer");
    expect((await get("/api/reminders/overview", organizer.auth)).json().limits.workerRunning).toBe(true);
    await t.close();
    t = undefined;
  });
});
