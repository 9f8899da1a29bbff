import type { User } from "../../domain/auth/auth.schema";
import { issueSessionToken } from "../features/auth/session-token";
import { FakeZalo } from "../test/fake-zalo";
import { multipartBody } from "../test/multipart";
import { buildTestApp, type TestApp } from "../test/test-app";
import type { Dialect } from "../db/database";
import { pdf } from "../features/entries/entries.test-helpers";
import { attachFiles } from "../features/jury/jury.test-helpers";
import { insertSubmittedEntries } from "../test/entries-fixture";

/** Who calls: the authorisation matrix's columns. */
export const WHO = ["anonymous", "staffA", "staffB", "leadA", "leadB", "judge", "organizer"] as const;
export type Who = (typeof WHO)[number];

export const UNIT_A = "10507";
export const UNIT_B = "10525";
export const MATRIX_ZALO_TOKEN = "tok-matrix-0000001";

export type World = {
  t: TestApp;
  zalo: FakeZalo;
  users: Record<Exclude<Who, "anonymous">, User>;
  /** The caller's bearer header ({} for anonymous). */
  auth(who: Who): Record<string, string>;
  /** A second session of the same person (for calls that end the session they are made with). */
  freshAuth(who: Who): Record<string, string>;
  /** A person nobody else uses, for calls that change a target (roles, revocations). */
  target: User;
  /** staffA's open test attempt and one of its questions. */
  attemptId: string;
  questionId: string;
  lessonId: string;
  ruleId: string;
  /** Ids made by rows' setup (see MATRIX), e.g. the blind-file fixture's entries and files. */
  fx: Record<string, string>;
  close(): Promise<void>;
};

/**
 * One small contest on a real database: two units with staff and leads (A's list imported by the
 * organiser, staffA on it), a judge, an organiser, and staffA's test attempt in progress.
 */
export async function buildWorld(dialect: Dialect): Promise<World> {
  const zalo = new FakeZalo();
  await zalo.start();
  zalo.addUser(MATRIX_ZALO_TOKEN, { id: "zalo-matrix", name: "Người Zalo" });
  const t = await buildTestApp(dialect, { env: { ZALO_GRAPH_URL: zalo.url } });
  const sign = async (name: string, role: User["role"], unit?: string) => t.signIn(name, role, unit);
  const s = {
    staffA: await sign("Nguyễn Văn An", "staff", UNIT_A),
    staffB: await sign("Trần Thị Bình", "staff", UNIT_B),
    leadA: await sign("Lê Văn Lãnh", "unit_lead", UNIT_A),
    leadB: await sign("Phạm Thị Đạo", "unit_lead", UNIT_B),
    judge: await sign("Giám Khảo", "judge"),
    organizer: await sign("Ban Tổ Chức", "organizer"),
  };
  const target = (await sign("Người Được Chọn", "staff", UNIT_B)).user;
  const org = s.organizer.auth;
  const csv = multipartBody("a.csv", "Họ và tên,Số điện thoại\nNguyễn Văn An,0912345001\nHoàng Văn Cường,0912345002\n");
  const imported = await t.app.inject({ method: "POST", url: `/api/units/${UNIT_A}/roster`, headers: { ...org, ...csv.headers }, payload: csv.payload });
  if (imported.statusCode !== 200) throw new Error(`roster import failed: ${imported.body}`);
  await t.app.inject({ method: "POST", url: "/api/auth/phone", headers: s.staffA.auth, payload: { phoneToken: "dev:0912345001" } });

  // Unit A qualified from the stage that feeds the first entries round (the organiser's confirmation), so it may send an entry.
  const feedingStage = t.app.ctx.pack.entries.rounds[0]!.eligible.fromStage;
  await t.app.ctx.db
    .insertInto("qualifierConfirmations")
    .values({ id: `matrix-${feedingStage}`, stageId: feedingStage, unitCodes: JSON.stringify([UNIT_A]), proposed: "{}", changed: 1, reason: "Kiểm thử", confirmedBy: s.organizer.user.id, confirmedAt: t.clock.now().toISOString() })
    .execute();

  // staffA has watched every lesson and started the test.
  const at = t.clock.now().toISOString();
  const progress = t.app.ctx.db.withTables<{ lesson_progress: { userId: string; lessonId: string; completedAt: string | null } }>();
  await progress
    .insertInto("lesson_progress")
    .values(t.pack.lessons.map((l) => ({ userId: s.staffA.user.id, lessonId: l.id, completedAt: at })))
    .execute();
  const started = await t.app.inject({ method: "POST", url: "/api/quiz/attempts", headers: s.staffA.auth });
  if (started.statusCode !== 200) throw new Error(`attempt start failed: ${started.body}`);
  const attemptId = started.json().attempt.id as string;
  const attempt = await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${attemptId}`, headers: s.staffA.auth });
  const questionId = attempt.json().questions[0].id as string;

  const users = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.user])) as World["users"];
  return {
    t,
    zalo,
    users,
    target,
    attemptId,
    questionId,
    lessonId: t.pack.lessons[0]!.id,
    ruleId: t.pack.reminders.rules[0]!.id,
    fx: {},
    auth: (who): Record<string, string> => (who === "anonymous" ? {} : { authorization: s[who].auth.authorization }),
    freshAuth: (who): Record<string, string> => (who === "anonymous" ? {} : { authorization: `Bearer ${issueSessionToken(t.env.SESSION_SECRET, s[who].user.id, t.clock.now())}` }),
    async close() {
      await t.close();
      await zalo.stop();
    },
  };
}

/**
 * For the blind-file rows: units B and 10532 submitted Stage-2 entries with one real PDF each; the
 * judge persona is appointed to the round, has declared, and is conflicted with unit B.
 */
export async function attachJudgeFixture(w: World): Promise<void> {
  const { t } = w;
  const [conflicted, clean] = await insertSubmittedEntries(t.app.ctx.db, "stage2", [UNIT_B, "10532"]);
  for (const [key, e] of [["conflicted", conflicted!], ["clean", clean!]] as const) {
    const fileId = `f-matrix-${key}`;
    await attachFiles(t, e.entryId, [{ id: fileId, name: `Sản phẩm ${e.unitCode}.pdf`, mime: "application/pdf", body: await pdf(`Tác giả ${e.unitCode}`) }]);
    w.fx[`${key}Entry`] = e.entryId;
    w.fx[`${key}File`] = fileId;
  }
  const org = w.auth("organizer");
  const appoint = await t.app.inject({ method: "POST", url: "/api/jury/rounds/stage2/judges", headers: org, payload: { userId: w.users.judge.id } });
  if (appoint.statusCode !== 200) throw new Error(`appoint failed: ${appoint.body}`);
  const declared = await t.app.inject({ method: "POST", url: "/api/jury/rounds/stage2/declaration", headers: w.auth("judge"), payload: { conflicts: [] } });
  if (declared.statusCode !== 200) throw new Error(`declaration failed: ${declared.body}`);
  // Unit B is not on the round's list, so the conflict is written as an organiser's addition would be.
  await t.app.ctx.db
    .insertInto("juryConflicts")
    .values({ id: "matrix-conflict", roundId: "stage2", judgeId: w.users.judge.id, unitCode: UNIT_B, kind: "advised", reason: "Đã góp ý sản phẩm", source: "organizer", createdBy: w.users.organizer.id, createdAt: t.clock.now().toISOString() })
    .execute();
}
