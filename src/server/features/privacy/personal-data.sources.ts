import { ERASED_NAME } from "../../../domain/privacy/privacy.config";
import { entriesSources } from "./personal-data.entries";
import { jurySources } from "./personal-data.jury";
import { ofScope, type PersonalDataSource } from "./personal-data.source";

const profile: PersonalDataSource = {
  id: "profile",
  label: "Hồ sơ",
  purpose: "Xác định bạn trong cuộc thi, đơn vị và vai trò của bạn.",
  tables: ["users"],
  collect: (db, userId) =>
    db
      .selectFrom("users")
      .select(["id", "zaloId", "zaloName", "fullName", "phone", "phoneVerifiedAt", "role", "unitCode", "subUnit", "position", "lastActiveAt", "createdAt", "updatedAt"])
      .where("id", "=", userId)
      .execute(),
  async erase(db, scope, now) {
    const r = await db
      .updateTable("users")
      .set({ fullName: ERASED_NAME, zaloName: null, zaloId: null, phone: null, phoneVerifiedAt: null, position: null, role: "staff", notificationsConsent: null, deletedAt: now.toISOString(), updatedAt: now.toISOString() })
      .where("deletedAt", "is", null)
      .where(ofScope("id", scope))
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};

const consents: PersonalDataSource = {
  id: "consents",
  label: "Đồng ý",
  purpose: "Ghi nhận bạn có đồng ý nhận thông báo Zalo hay không (bạn rút lại bất cứ lúc nào ở trang Cá nhân).",
  tables: [],
  async collect(db, userId) {
    const u = await db.selectFrom("users").select(["notificationsConsent", "updatedAt"]).where("id", "=", userId).executeTakeFirst();
    if (!u) return [];
    const value = u.notificationsConsent === null ? "Chưa hỏi" : u.notificationsConsent === 1 ? "Đồng ý" : "Không đồng ý";
    return [{ purpose: "Nhận thông báo nhắc hạn qua Zalo", value, updatedAt: u.updatedAt }];
  },
};

const roster: PersonalDataSource = {
  id: "roster",
  label: "Danh sách cán bộ",
  purpose: "Đối chiếu bạn với danh sách đơn vị gửi Ban tổ chức để tính tỷ lệ tham gia.",
  tables: ["roster_entries"],
  collect: (db, userId) =>
    db.selectFrom("rosterEntries").select(["id", "unitCode", "fullName", "phone", "position", "subUnit", "isLead", "source", "createdAt", "updatedAt"]).where("userId", "=", userId).execute(),
  async erase(db, scope, now) {
    // The row stays (the unit's roster size and participation do not change); the row key is rebuilt so it no longer holds the phone or name.
    const rows = await db.selectFrom("rosterEntries").select("id").where("fullName", "!=", ERASED_NAME).where(ofScope("userId", scope)).execute();
    for (const r of rows)
      await db
        .updateTable("rosterEntries")
        .set({ fullName: ERASED_NAME, phone: null, position: null, isLead: 0, rowKey: `erased:${r.id}`, updatedAt: now.toISOString() })
        .where("id", "=", r.id)
        .execute();
    return rows.length;
  },
};

const rosterChanges: PersonalDataSource = {
  id: "roster-changes",
  label: "Danh sách gửi chờ duyệt",
  purpose: "Tệp danh sách cán bộ bạn (lãnh đạo đơn vị) gửi sau ngày khoá danh sách, chờ Ban tổ chức duyệt, và kết quả duyệt.",
  tables: ["roster_changes"],
  collect: (db, userId) =>
    db.selectFrom("rosterChanges").select(["id", "unitCode", "fileName", "replace", "status", "requestedAt", "decidedAt", "reason"]).where("userId", "=", userId).orderBy("requestedAt").execute(),
  async erase(db, scope, now) {
    // The held file lists other people: it is dropped (the change can no longer be applied). The
    // decision and its reason stay, like the audit log; once the profile is anonymised they name nobody.
    const q = db.updateTable("rosterChanges").set({ payload: null, status: "superseded", decidedAt: now.toISOString() }).where("status", "=", "pending");
    return Number((await q.where(ofScope("userId", scope)).executeTakeFirst()).numUpdatedRows);
  },
};

const lessons: PersonalDataSource = {
  id: "lessons",
  label: "Tiến độ học",
  purpose: "Ghi nhận bài học bạn đã xem để mở bài kiểm tra và tính tỷ lệ tham gia của đơn vị.",
  tables: ["lesson_progress"],
  collect: (db, userId) =>
    db
      .selectFrom("lessonProgress")
      .select(["lessonId", "intervals", "watchedSec", "coverage", "lastPosition", "startedAt", "lastReportAt", "completedAt", "updatedAt"])
      .where("userId", "=", userId)
      .orderBy("lessonId")
      .execute(),
};

const participation: PersonalDataSource = {
  id: "participation",
  label: "Tổng hợp tham gia",
  purpose: "Bản tổng hợp tiến độ dùng để xếp hạng đơn vị.",
  tables: ["participation_summary", "participation_dirty"],
  collect: (db, userId) => db.selectFrom("participationSummary").selectAll().where("userId", "=", userId).execute(),
};

const attempts: PersonalDataSource = {
  id: "attempts",
  label: "Bài kiểm tra",
  purpose: "Chấm điểm bài kiểm tra của bạn và xếp hạng đơn vị.",
  tables: ["quiz_attempts"],
  collect: (db, userId) =>
    db
      .selectFrom("quizAttempts")
      .select(["id", "attemptNo", "status", "startedAt", "dueAt", "finishedAt", "score", "correctCount", "questionCount"])
      .where("userId", "=", userId)
      .orderBy("attemptNo")
      .execute(),
};

const answers: PersonalDataSource = {
  id: "answers",
  label: "Câu trả lời",
  purpose: "Các câu hỏi trong đề của bạn và phương án bạn chọn (không kèm đáp án).",
  tables: ["quiz_attempt_questions", "quiz_answers"],
  collect: (db, userId) =>
    // The paper without its key: an export during an attempt must not reveal the answers.
    db
      .selectFrom("quizAttemptQuestions as q")
      .innerJoin("quizAttempts as a", "a.id", "q.attemptId")
      .leftJoin("quizAnswers as ans", (j) => j.onRef("ans.attemptId", "=", "q.attemptId").onRef("ans.questionId", "=", "q.questionId"))
      .select(["q.attemptId", "a.attemptNo", "q.position", "q.questionId", "ans.optionId", "ans.savedAt"])
      .where("a.userId", "=", userId)
      .orderBy("a.attemptNo")
      .orderBy("q.position")
      .execute(),
};

const overrides: PersonalDataSource = {
  id: "overrides",
  label: "Điều chỉnh bài thi",
  purpose: "Những điều chỉnh Ban tổ chức đã làm với bài thi của bạn (thêm giờ, thêm lượt, mở lại, huỷ) và lý do.",
  tables: ["quiz_overrides"],
  // Kept on deletion: the decision and its reason are part of the contest's record (the audit log
  // holds them too); once the profile is anonymised the row names nobody.
  collect: (db, userId) => db.selectFrom("quizOverrides").select(["attemptId", "kind", "minutes", "reason", "at"]).where("userId", "=", userId).orderBy("at").execute(),
};

const revokedSessions: PersonalDataSource = {
  id: "revoked-sessions",
  label: "Phiên đăng nhập đã đăng xuất",
  purpose: "Các phiên đăng nhập bạn hoặc Ban tổ chức đã đăng xuất, giữ đến khi chúng tự hết hạn để không dùng lại được.",
  tables: ["revoked_sessions"],
  // Only the expiry is shown: the session id is a credential reference, not something to hand out.
  collect: (db, userId) => db.selectFrom("revokedSessions").select(["expiresAt"]).where("userId", "=", userId).orderBy("expiresAt").execute(),
  erase: async (db, scope) => {
    const res = await db.deleteFrom("revokedSessions").where(ofScope("userId", scope)).executeTakeFirst();
    return Number(res.numDeletedRows ?? 0);
  },
};

const focus: PersonalDataSource = {
  id: "focus",
  label: "Sự kiện khi làm bài",
  purpose: "Thời điểm ứng dụng bị tạm dừng/tiếp tục khi làm bài (chỉ để tham khảo, không ảnh hưởng điểm).",
  tables: ["quiz_focus_events"],
  collect: (db, userId) =>
    db
      .selectFrom("quizFocusEvents as e")
      .innerJoin("quizAttempts as a", "a.id", "e.attemptId")
      .select(["e.attemptId", "e.kind", "e.at"])
      .where("a.userId", "=", userId)
      .orderBy("e.at")
      .execute(),
};

const claims: PersonalDataSource = {
  id: "claims",
  label: "Yêu cầu gia nhập đơn vị",
  purpose: "Yêu cầu bạn gửi để được bổ sung vào danh sách đơn vị.",
  tables: ["unit_claims"],
  collect: (db, userId) =>
    db.selectFrom("unitClaims").select(["id", "unitCode", "subUnit", "position", "note", "status", "createdAt", "decidedAt"]).where("userId", "=", userId).orderBy("createdAt").execute(),
  async erase(db, scope) {
    const q = db.updateTable("unitClaims").set({ note: null, position: null }).where((eb) => eb.or([eb("note", "is not", null), eb("position", "is not", null)]));
    return Number((await q.where(ofScope("userId", scope)).executeTakeFirst()).numUpdatedRows);
  },
};

const inbox: PersonalDataSource = {
  id: "inbox",
  label: "Hộp thư",
  purpose: "Thông báo nhắc hạn gửi tới bạn trong ứng dụng và qua Zalo.",
  tables: ["reminder_outbox", "reminder_deliveries"],
  async collect(db, userId) {
    const messages = await db
      .selectFrom("reminderOutbox")
      .select(["id", "ruleId", "kind", "title", "body", "path", "deadlineAt", "createdAt", "readAt"])
      .where("userId", "=", userId)
      .orderBy("createdAt")
      .execute();
    const pushes = await db.selectFrom("reminderDeliveries").select(["outboxId", "channel", "status", "reason", "sentAt"]).where("userId", "=", userId).execute();
    return messages.map((m) => ({ ...m, deliveries: pushes.filter((p) => p.outboxId === m.id).map(({ outboxId: _o, ...p }) => p) }));
  },
  async erase(db, scope) {
    // Messages name the person; they count for nothing, so they are removed (pushes first: they reference the message).
    await db.deleteFrom("reminderDeliveries").where(ofScope("userId", scope)).execute();
    return Number((await db.deleteFrom("reminderOutbox").where(ofScope("userId", scope)).executeTakeFirst()).numDeletedRows);
  },
};

const requests: PersonalDataSource = {
  id: "requests",
  label: "Yêu cầu về dữ liệu",
  purpose: "Các yêu cầu xoá, sửa dữ liệu bạn đã gửi và kết quả xử lý.",
  tables: ["privacy_requests"],
  collect: (db, userId) =>
    db.selectFrom("privacyRequests").select(["id", "kind", "note", "status", "createdAt", "dueAt", "decidedAt", "response"]).where("userId", "=", userId).orderBy("createdAt").execute(),
  async erase(db, scope) {
    return Number((await db.updateTable("privacyRequests").set({ note: null }).where("note", "is not", null).where(ofScope("userId", scope)).executeTakeFirst()).numUpdatedRows);
  },
};

const auditAboutMe: PersonalDataSource = {
  id: "audit",
  label: "Nhật ký về bạn",
  purpose: "Các quyết định của Ban tổ chức liên quan đến bạn (ai làm gì, khi nào) — lưu để giải trình.",
  tables: [],
  async collect(db, userId) {
    const rows = await db.selectFrom("auditLog").select(["at", "action", "details"]).where("subject", "in", [userId, `user:${userId}`]).orderBy("at").execute();
    return rows.map((r) => ({ at: r.at, action: r.action, details: JSON.parse(r.details) as unknown }));
  },
};

const demoAccounts: PersonalDataSource = {
  id: "demoAccounts",
  label: "Tài khoản dùng thử",
  purpose: "Chỉ bản dùng thử: tên và vai trò bạn dùng để đăng nhập lại đúng tài khoản.",
  tables: ["demo_accounts"],
  collect: (db, userId) => db.selectFrom("demoAccounts").select(["signInKey", "createdAt"]).where("userId", "=", userId).execute(),
  async erase(db, scope) {
    // The key is the name as typed: removed, so the demo sign-in cannot find the anonymised account again.
    return Number((await db.deleteFrom("demoAccounts").where(ofScope("userId", scope)).executeTakeFirst()).numDeletedRows);
  },
};

/**
 * Every kind of personal data the app keeps, in the order shown. A feature that adds a table
 * holding a user id adds its source here (entries and jury/certificates have files of their own).
 */
export const PERSONAL_DATA_SOURCES: PersonalDataSource[] = [
  profile,
  consents,
  roster,
  rosterChanges,
  lessons,
  participation,
  attempts,
  answers,
  focus,
  overrides,
  revokedSessions,
  claims,
  inbox,
  ...entriesSources,
  ...jurySources,
  demoAccounts,
  requests,
  auditAboutMe,
];

export type { EraseScope, PersonalDataSource } from "./personal-data.source";
