import { ERASED_NAME } from "../../../domain/privacy/privacy.config";
import { ofScope, type PersonalDataSource } from "./personal-data.source";

/*
 * Judging and certificates (the jury and certificates features' tables, read and anonymised here
 * by the contract in ADR 0006).
 *
 * Judges' rows keep their user id. jury_judges, jury_conflicts and jury_sheets reference users.id
 * (a foreign key, so the id cannot be swapped for a pseudonym), and the results are recomputed
 * from them per judge (judge-centred means, trimmed means, median ranks, the conflicts that leave a
 * sheet out). Anonymising the profile already cuts the link from that id to a name; the scores,
 * comments and appointments stay, so every result recomputes to the same figures and the frozen
 * jury snapshots (payload, CSV and SHA-256, never rewritten) still verify. Only free text about the
 * judge personally (why they declared a conflict, why they were revoked) is cleared.
 */

const appointments: PersonalDataSource = {
  id: "juryAppointments",
  label: "Giám khảo và xung đột lợi ích",
  purpose: "Việc bạn được phân công làm giám khảo và các xung đột lợi ích bạn (hoặc Ban tổ chức) đã khai báo.",
  tables: ["jury_judges", "jury_conflicts"],
  async collect(db, userId) {
    const judged = await db.selectFrom("juryJudges").select(["roundId", "appointedAt", "declaredAt", "revokedAt", "revokeReason"]).where("userId", "=", userId).orderBy("appointedAt").execute();
    const conflicts = await db.selectFrom("juryConflicts").select(["roundId", "unitCode", "kind", "reason", "source", "createdAt"]).where("judgeId", "=", userId).orderBy("createdAt").execute();
    return [...judged.map((j) => ({ record: "Phân công", ...j })), ...conflicts.map((c) => ({ record: "Xung đột lợi ích", ...c }))];
  },
  async erase(db, scope) {
    const c = await db.updateTable("juryConflicts").set({ reason: null }).where("reason", "is not", null).where(ofScope("judgeId", scope)).executeTakeFirst();
    const j = await db.updateTable("juryJudges").set({ revokeReason: null }).where("revokeReason", "is not", null).where(ofScope("userId", scope)).executeTakeFirst();
    return Number(c.numUpdatedRows) + Number(j.numUpdatedRows);
  },
};

const sheets: PersonalDataSource = {
  id: "jurySheets",
  label: "Phiếu chấm",
  purpose: "Điểm và nhận xét bạn đã chấm cho các bài dự thi (giám khảo). Giữ nguyên để kết quả luôn kiểm chứng được.",
  tables: ["jury_sheets"],
  async collect(db, userId) {
    const rows = await db
      .selectFrom("jurySheets as s")
      .leftJoin("entries as e", "e.id", "s.entryId")
      .select(["s.roundId", "e.entryCode", "s.scores", "s.total", "s.comment", "s.status", "s.updatedAt", "s.submittedAt"])
      .where("s.judgeId", "=", userId)
      .orderBy("s.roundId")
      .orderBy("e.entryCode")
      .execute();
    return rows.map((r) => ({ ...r, scores: JSON.parse(r.scores) as unknown }));
  },
  // No erase: see the note at the top (results must stay verifiable; the id names nobody once the profile is anonymised).
};

const certificates: PersonalDataSource = {
  id: "certificates",
  label: "Giấy chứng nhận",
  purpose: "Giấy chứng nhận tham gia cấp cho bạn; mã trên mã QR dùng để kiểm tra.",
  tables: ["certificates"],
  async collect(db, userId) {
    const rows = await db
      .selectFrom("certificates")
      .select(["id", "kind", "payload", "pdfSha256", "issuedAt", "revokedAt", "revokeReason"])
      .where("kind", "=", "participation")
      .where("subject", "=", userId)
      .orderBy("issuedAt")
      .execute();
    return rows.map(({ payload, ...r }) => ({ ...r, printed: JSON.parse(payload) as unknown }));
  },
  /**
   * The printed name goes (payload and the stored PDF, which carries it); the certificate is not
   * revoked — it was genuinely earned — and its PDF's SHA-256 stays, so a copy the person kept still
   * checks against the QR page, which no longer shows whose it is. Award certificates name units only.
   */
  async erase(db, scope) {
    const rows = await db.selectFrom("certificates").select(["id", "payload"]).where("kind", "=", "participation").where("pdfBase64", "!=", "").where(ofScope("subject", scope)).execute();
    for (const r of rows) {
      const printed = JSON.parse(r.payload) as Record<string, unknown>;
      await db
        .updateTable("certificates")
        .set({ payload: JSON.stringify({ ...printed, personName: ERASED_NAME }), pdfBase64: "" })
        .where("id", "=", r.id)
        .execute();
    }
    return rows.length;
  },
};

export const jurySources: PersonalDataSource[] = [appointments, sheets, certificates];
