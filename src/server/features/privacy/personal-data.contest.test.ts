import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERASED_NAME } from "../../../domain/privacy/privacy.config";
import type { MyPrivacyResponse } from "../../../domain/privacy/privacy.schema";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";

const UNIT = "10507";
type Session = { user: { id: string }; auth: { authorization: string } };

/**
 * The sources added for Stage 2/3 and the jury (entries, representatives, upload/sign-in codes,
 * judges, conflicts, sheets, certificates, demo accounts): shown to their person only, and
 * anonymised so that submissions and results stay verifiable. Rows are written the way those
 * features leave them (their own suites cover how they get there).
 */
describe.each(DIALECTS)("personal data of entries, jury and certificates on %s", (dialect) => {
  let t: TestApp;
  let organizer: Session;
  let lan: Session; // contributor, representative, judge, certificate holder
  let minh: Session; // a colleague with data of the same kinds
  const at = "2026-06-01T03:00:00.000Z";
  const rep = (name: string, phone: string) => ({ fullName: name, position: "Chuyên viên", phone, email: `${phone}@example.vn`, consent: true, publishConsent: false, videoUrl: "https://video.example/x" });

  const me = async (s: Session) => (await t.app.inject({ method: "GET", url: "/api/privacy/me", headers: s.auth })).json() as MyPrivacyResponse;
  const rowsOf = (body: MyPrivacyResponse, id: string) => body.data.sections.find((s) => s.id === id)!.rows;
  const versionRep = async (id: string) => JSON.parse((await t.app.ctx.db.selectFrom("entryVersions").select("representativeJson").where("id", "=", id).executeTakeFirstOrThrow()).representativeJson);

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const db = t.app.ctx.db;
    organizer = await t.signIn("Ban Tổ Chức", "organizer", UNIT);
    lan = await t.signIn("Nguyễn Thị Lan", "judge", UNIT);
    minh = await t.signIn("Trần Văn Minh", "staff", UNIT);
    for (const [s, phone] of [[lan, "0912000001"], [minh, "0912000002"]] as const) await db.updateTable("users").set({ phone, phoneVerifiedAt: at }).where("id", "=", s.user.id).execute();

    // A submitted entry (Lan is its representative, typed as +84…) and a draft one in another round.
    const draft = (r: object) => JSON.stringify({ fields: { title: "Trợ lý AI" }, videoUrl: "", representative: r });
    await db
      .insertInto("entries")
      .values([
        { id: "e-sub", roundId: "stage2", unitCode: UNIT, entryCode: "V2-01", status: "submitted", version: 2, draftJson: draft(rep("Nguyễn Thị Lan", "+84 912 000 001")), updatedBy: lan.user.id, submittedVersionId: "v-sub", submittedAt: at, deadlineOverride: null, createdAt: at, updatedAt: at },
        { id: "e-draft", roundId: "stage3", unitCode: UNIT, entryCode: null, status: "draft", version: 1, draftJson: draft(rep("Nguyễn Thị Lan", "0912000001")), updatedBy: lan.user.id, submittedVersionId: null, submittedAt: null, deadlineOverride: null, createdAt: at, updatedAt: at },
        { id: "e-other", roundId: "stage2", unitCode: "10525", entryCode: "V2-02", status: "draft", version: 1, draftJson: draft(rep("Người ngoài", "0987000009")), updatedBy: minh.user.id, submittedVersionId: null, submittedAt: null, deadlineOverride: null, createdAt: at, updatedAt: at },
      ])
      .execute();
    const version = (id: string, entryId: string, v: number, submitted: number, r: object, by: string) => ({ id, entryId, version: v, fieldsJson: "{}", representativeJson: JSON.stringify(r), filesJson: "[]", submitted, sha256: submitted ? "a".repeat(64) : null, createdBy: by, createdAt: at });
    await db
      .insertInto("entryVersions")
      .values([
        version("v-save", "e-sub", 1, 0, rep("Nguyễn Thị Lan", "0912000001"), lan.user.id),
        version("v-sub", "e-sub", 2, 1, rep("Nguyễn Thị Lan", "+84 912 000 001"), lan.user.id),
        version("v-draft", "e-draft", 1, 0, rep("Nguyễn Thị Lan", "0912000001"), lan.user.id),
        version("v-other", "e-other", 1, 0, rep("Người ngoài", "0987000009"), minh.user.id),
      ])
      .execute();
    await db.insertInto("entryFiles").values({ id: "f1", entryId: "e-sub", storageKey: "k/f1", blindStorageKey: null, name: "thuyet-minh.pdf", size: 10, sha256: "b".repeat(64), mime: "application/pdf", uploadedBy: lan.user.id, createdAt: at, removedAt: null }).execute();
    await db.insertInto("entryContributors").values([{ entryId: "e-sub", userId: lan.user.id, via: "lead", joinedAt: at }, { entryId: "e-sub", userId: minh.user.id, via: "invite", joinedAt: at }]).execute();
    await db.insertInto("entryUploadTokens").values([{ id: "secret-upload-lan", entryId: "e-sub", userId: lan.user.id, expiresAt: at, usedAt: null }, { id: "secret-upload-minh", entryId: "e-sub", userId: minh.user.id, expiresAt: at, usedAt: null }]).execute();
    await db.insertInto("entrySignInCodes").values({ pollHash: "secret-poll", code: "123456", userId: lan.user.id, createdAt: at, expiresAt: at, confirmedAt: at, usedAt: null }).execute();

    // Lan judges round 1 (a conflict declared, one sheet); Minh holds a participation certificate too.
    await db.insertInto("juryJudges").values({ roundId: "stage2", userId: lan.user.id, appointedBy: organizer.user.id, appointedAt: at, revokedAt: null, revokedBy: null, revokeReason: null, declaredAt: at }).execute();
    await db.insertInto("juryConflicts").values({ id: "c1", roundId: "stage2", judgeId: lan.user.id, unitCode: "10525", kind: "family", reason: "Chồng tôi làm việc ở đó", source: "judge", createdBy: lan.user.id, createdAt: at }).execute();
    await db.insertInto("jurySheets").values({ roundId: "stage2", judgeId: lan.user.id, entryId: "e-sub", scores: JSON.stringify({ impact: { score: 8 } }), total: 8, comment: "Tốt", status: "submitted", version: 1, updatedAt: at, submittedAt: at }).execute();
    const cert = (id: string, s: Session, name: string) => ({ id, kind: "participation", subject: s.user.id, payload: JSON.stringify({ kind: "participation", personName: name, unitName: "Phường X" }), pdfBase64: "JVBERi0=", pdfSha256: "c".repeat(64), issuedAt: at, issuedBy: s.user.id, revokedAt: null, revokedBy: null, revokeReason: null });
    await db.insertInto("certificates").values([cert("cert-lan-0000000000", lan, "Nguyễn Thị Lan"), cert("cert-minh-000000000", minh, "Trần Văn Minh")]).execute();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("shows the person their part of entries, judging and certificates, and nobody else's", async () => {
    const body = await me(lan);
    expect(rowsOf(body, "entryTeam")).toEqual([expect.objectContaining({ entryCode: "V2-01", via: "lead" })]);
    expect(rowsOf(body, "entryWork")).toHaveLength(4); // three saves and one file
    const reps = rowsOf(body, "entryRepresentative");
    expect(reps.map((r) => r.roundId).sort()).toEqual(["stage2", "stage3"]);
    expect(reps.find((r) => r.roundId === "stage2")).toMatchObject({ fullName: "Nguyễn Thị Lan", inCurrentDraft: true, savedVersions: 2, submittedVersions: [2] });
    expect(rowsOf(body, "entryCodes")).toHaveLength(2);
    expect(rowsOf(body, "juryAppointments")).toEqual([expect.objectContaining({ roundId: "stage2" }), expect.objectContaining({ reason: "Chồng tôi làm việc ở đó" })]);
    expect(rowsOf(body, "jurySheets")).toEqual([expect.objectContaining({ entryCode: "V2-01", total: 8, scores: { impact: { score: 8 } } })]);
    expect(rowsOf(body, "certificates")).toEqual([expect.objectContaining({ id: "cert-lan-0000000000", printed: expect.objectContaining({ personName: "Nguyễn Thị Lan" }) })]);
    const text = JSON.stringify(body);
    for (const foreign of ["Trần Văn Minh", "Người ngoài", "0987000009", "cert-minh-000000000", "secret-upload", "secret-poll", "123456"]) expect(text, foreign).not.toContain(foreign);
    // Minh is not a representative (his phone is named nowhere) and judged nothing.
    const his = await me(minh);
    expect(rowsOf(his, "entryRepresentative")).toEqual([]);
    expect(rowsOf(his, "jurySheets")).toEqual([]);
  });

  it("anonymises on deletion so that the submission and the jury's results stay verifiable", async () => {
    const db = t.app.ctx.db;
    const sheetBefore = await db.selectFrom("jurySheets").selectAll().execute();
    const asked = await t.app.inject({ method: "POST", url: "/api/privacy/me/requests", headers: lan.auth, payload: { kind: "delete" } });
    const id = asked.json().request.id as string;
    const done = await t.app.inject({ method: "POST", url: `/api/privacy/requests/${id}/decision`, headers: organizer.auth, payload: { action: "complete", response: "Đã xoá" } });
    expect(done.statusCode).toBe(200);

    // Judging: scores, comments and appointments unchanged (results recompute the same); only the conflict's free text goes.
    expect(await db.selectFrom("jurySheets").selectAll().execute()).toEqual(sheetBefore);
    expect(await db.selectFrom("juryConflicts").select(["judgeId", "unitCode", "kind", "reason"]).execute()).toEqual([{ judgeId: lan.user.id, unitCode: "10525", kind: "family", reason: null }]);
    // Certificate: still issued with its hash, the printed name and stored PDF gone; the colleague's untouched.
    const certs = await db.selectFrom("certificates").select(["id", "payload", "pdfBase64", "pdfSha256", "revokedAt"]).orderBy("id").execute();
    expect(certs[0]).toMatchObject({ id: "cert-lan-0000000000", pdfBase64: "", pdfSha256: "c".repeat(64), revokedAt: null });
    expect(JSON.parse(certs[0]!.payload).personName).toBe(ERASED_NAME);
    expect(certs[1]).toMatchObject({ id: "cert-minh-000000000", pdfBase64: "JVBERi0=" });
    const verify = await t.app.inject({ method: "GET", url: "/v/cert-lan-0000000000" });
    expect(verify.body).toContain("data-status=\"valid\"");
    expect(verify.body).not.toContain("Nguyễn Thị Lan");
    // Codes removed (the colleague's stay); team link kept.
    expect((await db.selectFrom("entryUploadTokens").select("id").execute()).map((r) => r.id)).toEqual(["secret-upload-minh"]);
    expect(await db.selectFrom("entrySignInCodes").select("pollHash").execute()).toEqual([]);
    // Representative: blanked in drafts and unsubmitted saves; the submitted version (its hash on the receipt) kept until retention.
    expect((await versionRep("v-save")).fullName).toBe("");
    expect((await versionRep("v-draft")).fullName).toBe("");
    expect(await versionRep("v-sub")).toMatchObject({ fullName: "Nguyễn Thị Lan" });
    const draftOf = async (id: string) => JSON.parse((await db.selectFrom("entries").select("draftJson").where("id", "=", id).executeTakeFirstOrThrow()).draftJson).representative;
    expect(await draftOf("e-draft")).toMatchObject({ fullName: "", phone: "", email: "", consent: false });
    expect(await draftOf("e-other")).toMatchObject({ fullName: "Người ngoài" });
  });

  it("retention blanks every representative, submitted ones included, and every participation certificate's name", async () => {
    const db = t.app.ctx.db;
    const dry = (await t.app.inject({ method: "GET", url: "/api/privacy/retention", headers: organizer.auth })).json() as { dueAt: string };
    t.clock.set(new Date(Date.parse(dry.dueAt) + 1000));
    const org = await t.signIn("Ban Tổ Chức 2", "organizer");
    expect((await t.app.inject({ method: "POST", url: "/api/privacy/retention/run", headers: org.auth })).statusCode).toBe(200);
    for (const v of ["v-sub", "v-other"]) expect(await versionRep(v)).toMatchObject({ fullName: "", phone: "", videoUrl: "https://video.example/x" });
    const certs = await db.selectFrom("certificates").select("payload").execute();
    expect(certs.map((c) => JSON.parse(c.payload).personName)).toEqual([ERASED_NAME, ERASED_NAME]);
    expect(await db.selectFrom("entryUploadTokens").select("id").execute()).toEqual([]);
    expect(await db.selectFrom("jurySheets").select("total").execute()).toEqual([{ total: 8 }]);
  });
});
