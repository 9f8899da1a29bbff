import { normalizePhone } from "../../../domain/shared/phone";
import type { Db } from "../../db/database";
import { ids, ofScope, type EraseScope, type PersonalDataSource, type Row } from "./personal-data.source";

/*
 * Stage 2/3 entries (the entries feature's tables, read and anonymised here by the contract in
 * ADR 0006). An entry belongs to the unit, not to the person: what is about the person is that
 * they were on the team, which versions they saved, which files they uploaded, their short-lived
 * upload/sign-in codes, and — when they are the representative — the representative block.
 */

const team: PersonalDataSource = {
  id: "entryTeam",
  label: "Nhóm soạn hồ sơ dự thi",
  purpose: "Hồ sơ dự thi của đơn vị mà bạn được mời cùng soạn (Giai đoạn 2, 3).",
  tables: ["entry_contributors"],
  // Only ids, the way they joined and when: nothing to anonymise once the profile is (no erase).
  collect: (db, userId) =>
    db
      .selectFrom("entryContributors as c")
      .innerJoin("entries as e", "e.id", "c.entryId")
      .select(["e.roundId", "e.unitCode", "e.entryCode", "c.via", "c.joinedAt"])
      .where("c.userId", "=", userId)
      .orderBy("c.joinedAt")
      .execute(),
};

const work: PersonalDataSource = {
  id: "entryWork",
  label: "Lần lưu hồ sơ và tệp tải lên",
  purpose: "Các lần bạn lưu hồ sơ dự thi của đơn vị và các tệp bạn tải lên (nội dung thuộc hồ sơ của đơn vị).",
  tables: ["entries", "entry_versions", "entry_files"],
  // entries.updated_by, entry_versions.created_by and entry_files.uploaded_by only hold the id. The
  // content is the unit's submission (frozen with its SHA-256 on the receipt), so it is kept as is:
  // once the profile is anonymised the id names nobody. No erase.
  async collect(db, userId) {
    const versions = await db
      .selectFrom("entryVersions as v")
      .innerJoin("entries as e", "e.id", "v.entryId")
      .select(["e.roundId", "e.unitCode", "v.version", "v.submitted", "v.sha256", "v.createdAt"])
      .where("v.createdBy", "=", userId)
      .orderBy("v.createdAt")
      .execute();
    const files = await db
      .selectFrom("entryFiles as f")
      .innerJoin("entries as e", "e.id", "f.entryId")
      .select(["e.roundId", "e.unitCode", "f.name", "f.size", "f.mime", "f.sha256", "f.createdAt", "f.removedAt"])
      .where("f.uploadedBy", "=", userId)
      .orderBy("f.createdAt")
      .execute();
    return [...versions.map((v) => ({ kind: "Lưu hồ sơ", ...v, submitted: v.submitted === 1 })), ...files.map((f) => ({ kind: "Tệp tải lên", ...f }))];
  },
};

const codes: PersonalDataSource = {
  id: "entryCodes",
  label: "Mã tải tệp, đăng nhập máy tính",
  purpose: "Mã dùng một lần để tải tệp lên và để đăng nhập hồ sơ dự thi trên máy tính (hết hạn sau vài phút).",
  tables: ["entry_upload_tokens", "entry_sign_in_codes"],
  async collect(db, userId) {
    // The secrets themselves (token id, code, poll hash) are not shown: only when they were made and used.
    const uploads = await db.selectFrom("entryUploadTokens").select(["entryId", "expiresAt", "usedAt"]).where("userId", "=", userId).orderBy("expiresAt").execute();
    const signIns = await db.selectFrom("entrySignInCodes").select(["createdAt", "expiresAt", "confirmedAt", "usedAt"]).where("userId", "=", userId).orderBy("createdAt").execute();
    return [...uploads.map((u) => ({ kind: "Tải tệp", ...u })), ...signIns.map((s) => ({ kind: "Đăng nhập máy tính", ...s }))];
  },
  async erase(db, scope) {
    // Single-use and short-lived, nothing counts on them: removed.
    const u = await db.deleteFrom("entryUploadTokens").where(ofScope("userId", scope)).executeTakeFirst();
    const s = await db.deleteFrom("entrySignInCodes").where("userId", "is not", null).where(ofScope("userId", scope)).executeTakeFirst();
    return Number(u.numDeletedRows) + Number(s.numDeletedRows);
  },
};

type Rep = { fullName?: string; position?: string; phone?: string; email?: string; consent?: boolean; publishConsent?: boolean; videoUrl?: string };
const BLANK_REP = { fullName: "", position: "", phone: "", email: "", consent: false, publishConsent: false };

const parse = <T>(json: string): T | null => {
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
};
const repOfDraft = (json: string) => parse<{ representative?: Rep }>(json)?.representative ?? null;
const isBlank = (r: Rep | null) => !r || (!r.fullName && !r.phone && !r.email && !r.position);

/** The verified phones of the scope's people (the representative is matched by phone: the form has no user id). */
async function verifiedPhones(db: Db, scope: EraseScope): Promise<Set<string> | null> {
  const who = ids(scope);
  if (!who) return null;
  const rows = await db.selectFrom("users").select("phone").where("id", "in", who).where("phoneVerifiedAt", "is not", null).execute();
  return new Set(rows.map((r) => normalizePhone(r.phone)).filter((p): p is string => p !== null));
}
const matches = (r: Rep | null, phones: Set<string> | null) => !isBlank(r) && (phones === null || phones.has(normalizePhone(r?.phone) ?? "-"));

/**
 * The representative named in an entry (full name, position, phone, e-mail, consents) is personal
 * data too, but the form holds no user id: it is the person's only when its phone is the phone they
 * verified through Zalo. A representative who never signed in to the app cannot be shown it here;
 * their block is anonymised by the retention job with everyone else's, and until then by the
 * entries feature's consent (withdrawn through the organisers).
 */
const representative: PersonalDataSource = {
  id: "entryRepresentative",
  label: "Người đại diện hồ sơ dự thi",
  purpose: "Thông tin người đại diện ghi trong hồ sơ dự thi của đơn vị, khi số điện thoại là số bạn đã xác minh.",
  tables: [],
  async collect(db, userId) {
    const phones = await verifiedPhones(db, { userIds: [userId] });
    if (!phones || phones.size === 0) return [];
    const entries = await db.selectFrom("entries").select(["id", "roundId", "unitCode", "entryCode", "status", "draftJson"]).execute();
    const versions = await db.selectFrom("entryVersions").select(["entryId", "version", "submitted", "representativeJson"]).orderBy("version").execute();
    const out: Row[] = [];
    for (const e of entries) {
      const current = repOfDraft(e.draftJson);
      const named = versions.filter((v) => v.entryId === e.id && matches(parse<Rep>(v.representativeJson), phones));
      if (!matches(current, phones) && named.length === 0) continue;
      const shown = matches(current, phones) ? current : parse<Rep>(named.at(-1)!.representativeJson);
      out.push({
        roundId: e.roundId,
        unitCode: e.unitCode,
        entryCode: e.entryCode,
        fullName: shown?.fullName ?? null,
        position: shown?.position ?? null,
        phone: shown?.phone ?? null,
        email: shown?.email ?? null,
        consent: shown?.consent ?? false,
        publishConsent: shown?.publishConsent ?? false,
        inCurrentDraft: matches(current, phones),
        savedVersions: named.length,
        submittedVersions: named.filter((v) => v.submitted === 1).map((v) => v.version),
      });
    }
    return out;
  },
  /**
   * A person's deletion blanks the block in drafts and unsubmitted saves. Submitted versions (and the
   * current draft of a submitted entry, from which the receipt is printed) are kept until retention:
   * the receipt's SHA-256 covers them, and they are the unit's official submission while the contest
   * runs. Retention (everyone, after the contest) blanks them all; the stored hash then stays only as
   * a record that the submission existed.
   */
  async erase(db, scope, now) {
    const phones = await verifiedPhones(db, scope);
    if (phones && phones.size === 0) return 0;
    const all = "all" in scope;
    let n = 0;
    const entries = await db.selectFrom("entries").select(["id", "status", "draftJson"]).execute();
    for (const e of entries) {
      const draft = parse<{ representative?: Rep }>(e.draftJson);
      if (!draft || !matches(draft.representative ?? null, phones) || (!all && e.status === "submitted")) continue;
      await db.updateTable("entries").set({ draftJson: JSON.stringify({ ...draft, representative: BLANK_REP }), updatedAt: now.toISOString() }).where("id", "=", e.id).execute();
      n++;
    }
    let q = db.selectFrom("entryVersions").select(["id", "representativeJson"]);
    if (!all) q = q.where("submitted", "=", 0);
    for (const v of await q.execute()) {
      const rep = parse<Rep>(v.representativeJson);
      if (!matches(rep, phones)) continue;
      await db.updateTable("entryVersions").set({ representativeJson: JSON.stringify({ ...BLANK_REP, videoUrl: rep?.videoUrl ?? "" }) }).where("id", "=", v.id).execute();
      n++;
    }
    return n;
  },
};

export const entriesSources: PersonalDataSource[] = [team, work, representative, codes];
