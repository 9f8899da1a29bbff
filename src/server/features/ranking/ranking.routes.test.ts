import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LeaderboardResponse, StageResultResponse } from "../../../domain/ranking/ranking.schema";
import type { DashboardResponse, MyStatusResponse } from "../../../domain/units/roster.schema";
import { createTestClock } from "../../shared/clock";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { CITY_HEADERS, CITY_SHEETS, PEOPLE_HEADERS, UNIT_SHEETS } from "../reports/report-workbooks";
import { completeLessons, finishAttempt } from "../../test/seed";
import { readXlsx, uploadRoster, verifyPhone } from "../units/units.test-helpers";

const T0 = new Date("2026-06-01T01:00:00.000Z");
const h = (hours: number) => new Date(T0.getTime() + hours * 3600_000);
const A = "10507"; // Phường Thành Đông
const B = "10525"; // Phường Hải Dương
const C = "10532"; // Phường Lê Thanh Nghị
const DEPT = "SO-NV";

type Session = Awaited<ReturnType<TestApp["signIn"]>>;

describe.each(DIALECTS)("rankings, dashboards, reports and the Stage 1 close on %s", (dialect) => {
  let t: TestApp;
  let organizer: Session;
  let leadA: Session;
  const people: Record<string, Session> = {};

  /** Sign in, verify the phone (matching the roster row), and record what they did. */
  async function person(key: string, unit: string, phone: string, did: { lessons?: number; lessonsAt?: Date; attempts?: Array<[number, Date]> }) {
    const s = await t.signIn(`Người ${key}`, "staff", unit);
    await verifyPhone(t, s.auth, phone);
    if (did.lessons) await completeLessons(t, s.user.id, { at: did.lessonsAt ?? h(1), count: did.lessons });
    for (const [score, startedAt] of did.attempts ?? []) await finishAttempt(t, s.user.id, { score, startedAt });
    people[key] = s;
  }

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock: createTestClock(T0), pack: (p) => ({ ...p, ranking: { ...p.ranking, liveCacheSeconds: 0 } }) });
    organizer = await t.signIn("Ban Tổ Chức", "organizer");
    leadA = await t.signIn("Trưởng Phường A", "unit_lead", A);
    const all = t.pack.lessons.length;
    await uploadRoster(t, organizer.auth, A, "a.csv", "Họ và tên,Số điện thoại,Bộ phận\nNgười a1,0911000001,Văn phòng\nNgười a2,0911000002,Văn phòng\nNgười a3,0911000003,Trạm Y tế\nNgười a4,0911000004,Trạm Y tế\n");
    await uploadRoster(t, organizer.auth, B, "b.csv", "Họ và tên,Số điện thoại\nNgười b1,0911000011\nNgười b2,0911000012\n");
    await uploadRoster(t, organizer.auth, C, "c.csv", "Họ và tên,Số điện thoại\nNgười c1,0911000021\nNgười c2,0911000022\n");
    await uploadRoster(t, organizer.auth, DEPT, "d.csv", "Họ và tên,Số điện thoại\nNgười d1,0911000031\n");
    // A: 2 of 4 took part, best scores 90 and 60 → 50 % and 75 → 0.6×50 + 0.4×75 = 60, reached at h(6)+10 min.
    await person("a1", A, "0911000001", { lessons: all, attempts: [[80, h(2)], [90, h(3)]] });
    await person("a2", A, "0911000002", { lessons: all, lessonsAt: h(5), attempts: [[60, h(6)]] });
    await person("a3", A, "0911000003", { lessons: 5 });
    // B: 2 of 2, scores 70 and 50 → 100 % and 60 → 84.
    await person("b1", B, "0911000011", { lessons: all, attempts: [[70, h(2)]] });
    await person("b2", B, "0911000012", { lessons: all, attempts: [[50, h(3)]] });
    // C: 1 of 2, score 75 → 50 % and 75 → 60, the same as A, but reached earlier (h(4)+10 min).
    await person("c1", C, "0911000021", { lessons: all, attempts: [[75, h(4)]] });
    await person("d1", DEPT, "0911000031", { lessons: all, attempts: [[100, h(1)]] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const leaderboard = async (board: "commune" | "department", auth = people.a1!.auth) => {
    const res = await t.app.inject({ method: "GET", url: `/api/leaderboard?board=${board}`, headers: auth });
    expect(res.statusCode).toBe(200);
    return res.json() as LeaderboardResponse;
  };

  it("ranks communes live by the published formula, breaks the tie by time, and marks units without a list", async () => {
    const lb = await leaderboard("commune");
    expect(lb).toMatchObject({ board: "commune", source: "live", myUnitCode: A, snapshot: null });
    expect(lb.formula.text).toBe("Điểm tổng hợp = 60% × Tỷ lệ tham gia + 40% × Điểm trung bình bài kiểm tra");
    expect(lb.rows.slice(0, 3).map((r) => [r.rank, r.unitCode, r.participationPct, r.meanScore, r.composite])).toEqual([
      [1, B, 100, 60, 84],
      [2, C, 50, 75, 60],
      [3, A, 50, 75, 60],
    ]);
    expect(lb.rows.find((r) => r.unitCode === A)).toMatchObject({ rosterCount: 4, signedIn: 3, lessonsDone: 2, testDone: 2, participants: 2, reachedAt: new Date(h(6).getTime() + 10 * 60_000).toISOString() });
    expect(lb.rows).toHaveLength(t.pack.units.filter((u) => u.kind !== "so_nganh").length);
    expect(lb.rows.slice(3).every((r) => r.rank === null && !r.hasRoster && r.composite === null)).toBe(true);
    const dept = await leaderboard("department");
    expect(dept.rows[0]).toMatchObject({ rank: 1, unitCode: DEPT, composite: 100 });
  });

  it("gives the unit lead live counts against the roster, a chart by sub-unit and a chase list with user ids", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/units/${A}/dashboard`, headers: leadA.auth });
    expect(res.statusCode).toBe(200);
    const d = res.json() as DashboardResponse;
    expect(d.counts).toMatchObject({ roster: 4, signedIn: 3, lessonsDone: 2, testDone: 2, participants: 2, notOnRoster: 1 });
    expect(d).toMatchObject({ participationPct: 50, meanScore: 75, rank: { rank: 3, of: 3, board: "commune" } });
    expect(d.bySubUnit).toEqual([
      { subUnit: "Trạm Y tế", roster: 2, participants: 0, participationPct: 0 },
      { subUnit: "Văn phòng", roster: 2, participants: 2, participationPct: 100 },
    ]);
    expect(d.chase.map((c) => [c.fullName, c.subUnit, c.lessonsDone, c.testDone, c.missing, c.userId !== null])).toEqual([
      ["Người a3", "Trạm Y tế", 5, false, ["lessons", "test"], true],
      ["Người a4", "Trạm Y tế", 0, false, ["sign_in", "lessons", "test"], false],
    ]);
    expect(d.chase[0]?.userId).toBe(people.a3!.user.id);
  });

  it("tells each person where they stand", async () => {
    const me = (await t.app.inject({ method: "GET", url: "/api/me/unit-status", headers: people.a1!.auth })).json() as MyStatusResponse;
    expect(me).toMatchObject({ unitCode: A, onRoster: true, lessonsDone: t.pack.lessons.length, testDone: true, countedScore: 90, participated: true, claim: null });
  });

  it("exports the unit's report as XLSX that reads back with Vietnamese headers and Vietnam-time dates", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/units/${A}/report.xlsx`, headers: leadA.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="bao-cao-tham-gia-phuong-thanh-dong-\d{4}-\d\d-\d\d\.xlsx"; filename\*=UTF-8''/);
    const book = await readXlsx(res.rawPayload);
    const summary = book[UNIT_SHEETS.summary]!;
    expect(summary[1]?.[0]).toBe("Phường Thành Đông");
    const figure = (label: string) => summary.find((r) => r[0] === label)?.[1];
    expect(figure("Số người trong danh sách")).toBe(4);
    expect(figure("Tham gia đầy đủ (học xong và làm bài)")).toBe(2);
    expect(figure("Tỷ lệ tham gia")).toBe(50);
    expect(figure("Điểm trung bình bài kiểm tra")).toBe(75);
    expect(figure("Xếp hạng hiện tại")).toBe("3/3");
    const sheet = book[UNIT_SHEETS.people]!;
    expect(sheet[0]).toEqual([...PEOPLE_HEADERS]);
    const a1 = sheet.find((r) => r[1] === "Người a1")!;
    const n = t.pack.lessons.length;
    // 10:10 Vietnam time on 01/06 is written as that wall-clock reading.
    // No phone column unless an organiser turned it on (privacy settings).
    expect(a1).toEqual([expect.any(Number), "Người a1", "Văn phòng", undefined, "Có", `${n}/${n}`, "Có", "Có", 90, new Date(Date.UTC(2026, 5, 1, 10, 10)), "Có"]);
    expect(sheet.find((r) => r[1] === "Người a4")?.slice(4, 9)).toEqual(["Chưa", `0/${n}`, "Chưa", "Chưa", undefined]);
  });

  it("hands out a short-lived signed link for Zalo's downloader, valid for that file only", async () => {
    const link = await t.app.inject({ method: "POST", url: `/api/units/${A}/report-link`, headers: leadA.auth });
    expect(link.statusCode).toBe(200);
    const { url, expiresAt } = link.json();
    expect(Date.parse(expiresAt) - t.clock.now().getTime()).toBe(5 * 60_000);
    const ok = await t.app.inject({ method: "GET", url });
    expect(ok.statusCode).toBe(200);
    expect((await readXlsx(ok.rawPayload))[UNIT_SHEETS.people]?.length).toBe(5);
    const token = new URL(url, "http://x").searchParams.get("token")!;
    const otherFile = await t.app.inject({ method: "GET", url: `/api/units/${B}/report.xlsx?token=${encodeURIComponent(token)}` });
    expect(otherFile.statusCode).toBe(401);
    t.clock.advance(5 * 60_000 + 1000);
    const expired = await t.app.inject({ method: "GET", url });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe("SESSION_EXPIRED");
  });

  it("gives organisers the city-wide XLSX: every unit with roster size, participation, mean score and rank", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/reports/city.xlsx", headers: organizer.auth });
    expect(res.statusCode).toBe(200);
    const book = await readXlsx(res.rawPayload);
    const communes = book[CITY_SHEETS.commune]!;
    expect(communes[0]).toEqual([...CITY_HEADERS]);
    expect(communes[1]?.slice(0, 11)).toEqual([1, B, "Phường Hải Dương", 2, 2, 2, 2, 2, 100, 60, 84]);
    expect(communes.at(-1)?.[12]).toBe("Chưa có danh sách cán bộ");
    expect(book[CITY_SHEETS.department]?.[1]?.slice(0, 3)).toEqual([1, DEPT, "Sở Nội vụ thành phố Hải Phòng"]);
  });

  it("refuses to close Stage 1 before its deadline", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/stages/stage1/close", headers: organizer.auth });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("STAGE_STILL_OPEN");
    const result = (await t.app.inject({ method: "GET", url: "/api/stages/stage1/result", headers: organizer.auth })).json() as StageResultResponse;
    expect(result).toMatchObject({ stageStatus: "open", snapshot: null, proposed: null });
  });

  it("closes once after the deadline: a frozen snapshot whose CSV hash anyone can check; closing again changes nothing", async () => {
    const closesAt = new Date(t.pack.stages[0]!.closesAt);
    // Activity after the deadline does not count: a3 finishes lessons and a test too late.
    t.clock.set(new Date(closesAt.getTime() + 3600_000));
    await completeLessons(t, people.a3!.user.id, { at: t.clock.now(), count: t.pack.lessons.length - 5, from: 5 });
    await finishAttempt(t, people.a3!.user.id, { score: 100, startedAt: t.clock.now() });

    const first = await t.app.inject({ method: "POST", url: "/api/stages/stage1/close", headers: organizer.auth });
    expect(first.statusCode).toBe(200);
    const closed = first.json() as StageResultResponse & { alreadyClosed: boolean };
    expect(closed).toMatchObject({ alreadyClosed: false, stageStatus: "closed", proposed: { communes: [B, C, A], departments: [DEPT] } });
    expect(closed.snapshot?.boards.commune.slice(0, 3).map((u) => u.unitCode)).toEqual([B, C, A]);
    expect(closed.snapshot?.boards.commune[2]?.testDone).toBe(2);

    const csv = await t.app.inject({ method: "GET", url: "/api/stages/stage1/snapshot.csv" });
    expect(csv.statusCode).toBe(200);
    const sha = createHash("sha256").update(csv.rawPayload).digest("hex");
    expect(sha).toBe(closed.snapshot?.sha256);
    expect(csv.headers["x-content-sha256"]).toBe(sha);
    expect(csv.rawPayload.toString("utf8")).toContain(`xa_phuong_dac_khu,1,${B},Phường Hải Dương,2,,2,2,2,2,100.00,60.00,84.00,`);

    // More activity, then closing again: same snapshot, same hash, same moment.
    await finishAttempt(t, people.a3!.user.id, { score: 100, startedAt: t.clock.now() });
    t.clock.advance(3600_000);
    const again = (await t.app.inject({ method: "POST", url: "/api/stages/stage1/close", headers: organizer.auth })).json();
    expect(again).toMatchObject({ alreadyClosed: true, snapshot: { sha256: sha, closedAt: closed.snapshot?.closedAt } });
    const lb = await leaderboard("commune");
    expect(lb).toMatchObject({ source: "snapshot", snapshot: { sha256: sha } });
    const csvAgain = await t.app.inject({ method: "GET", url: "/api/stages/stage1/snapshot.csv" });
    expect(createHash("sha256").update(csvAgain.rawPayload).digest("hex")).toBe(sha);
  });

  it("records the organiser's confirmation of the qualifiers, requiring a reason for any change", async () => {
    const same = await t.app.inject({ method: "POST", url: "/api/stages/stage1/qualifiers", headers: organizer.auth, payload: { unitCodes: [B, C, A, DEPT] } });
    expect(same.statusCode).toBe(200);
    expect(same.json().confirmation).toMatchObject({ unitCodes: [B, C, A, DEPT], changed: false, reason: null, confirmedByName: "Ban Tổ Chức" });

    const noReason = await t.app.inject({ method: "POST", url: "/api/stages/stage1/qualifiers", headers: organizer.auth, payload: { unitCodes: [B, C, DEPT] } });
    expect(noReason.statusCode).toBe(400);
    expect(Object.keys(noReason.json().error.fields)).toEqual(["reason"]);

    t.clock.advance(60_000);
    const changed = await t.app.inject({
      method: "POST",
      url: "/api/stages/stage1/qualifiers",
      headers: organizer.auth,
      payload: { unitCodes: [B, C, DEPT], reason: "Phường Thành Đông xin rút theo công văn số 12/UBND" },
    });
    expect(changed.json().confirmation).toMatchObject({ unitCodes: [B, C, DEPT], changed: true, reason: "Phường Thành Đông xin rút theo công văn số 12/UBND" });

    const audit = (await t.app.inject({ method: "GET", url: "/api/audit?limit=10", headers: organizer.auth })).json();
    const confirmations = audit.entries.filter((e: { action: string }) => e.action === "qualifiers.confirm");
    expect(confirmations).toHaveLength(2);
    expect(confirmations[0]).toMatchObject({ actorName: "Ban Tổ Chức", subject: "stage1", details: { unitCodes: [B, C, DEPT], changed: true } });
    expect(audit.entries.map((e: { action: string }) => e.action)).toContain("stage.close");
  });

  it("counts the pack's counted attempt: the last one when the pack says so", async () => {
    const t2 = await buildTestApp(dialect, { clock: createTestClock(T0), pack: (p) => ({ ...p, quiz: { ...p.quiz, countedAttempt: "last" } }) });
    try {
      const s = await t2.signIn("Người Cuối", "staff", A);
      await finishAttempt(t2, s.user.id, { score: 95, startedAt: h(1) });
      await finishAttempt(t2, s.user.id, { score: 40, startedAt: h(2) });
      const me = (await t2.app.inject({ method: "GET", url: "/api/me/unit-status", headers: s.auth })).json() as MyStatusResponse;
      expect(me).toMatchObject({ testDone: true, countedScore: 40, onRoster: false });
    } finally {
      await t2.close();
    }
  });
});

describe.each(DIALECTS)("the live ranking's cache on %s", (dialect) => {
  it("serves the last ranking within liveCacheSeconds, refreshes in the background after, and at once after a roster change", async () => {
    const t = await buildTestApp(dialect, { clock: createTestClock(T0), pack: (p) => ({ ...p, ranking: { ...p.ranking, liveCacheSeconds: 30 } }) });
    try {
      const organizer = await t.signIn("Ban Tổ Chức", "organizer");
      await uploadRoster(t, organizer.auth, A, "a.csv", "Họ và tên,Số điện thoại\nNgười x1,0911000101\nNgười x2,0911000102\n");
      const board = async () => ((await t.app.inject({ method: "GET", url: "/api/leaderboard?board=commune", headers: organizer.auth })).json() as LeaderboardResponse).rows.find((r) => r.unitCode === A)!;
      expect(await board()).toMatchObject({ participants: 0, rosterCount: 2 });

      const x1 = await t.signIn("Người x1", "staff", A);
      await verifyPhone(t, x1.auth, "0911000101"); // matching a phone refreshes the ranking at once
      expect((await board()).signedIn).toBe(1);
      await completeLessons(t, x1.user.id, { at: h(1) });
      await finishAttempt(t, x1.user.id, { score: 70, startedAt: h(2) });
      expect((await board()).participants).toBe(0); // still the cached ranking
      t.clock.advance(31_000);
      expect((await board()).participants).toBe(0); // stale answer at once, refresh started
      await expect.poll(async () => (await board()).participants).toBe(1);

      await uploadRoster(t, organizer.auth, A, "a.csv", "Họ và tên,Số điện thoại\nNgười x3,0911000103\n");
      expect((await board()).rosterCount).toBe(3);
    } finally {
      await t.close();
    }
  });
});
