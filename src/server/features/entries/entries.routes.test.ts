import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canonicalJson } from "../../../domain/entries/completeness";
import { DIALECTS } from "../../test/dialects";
import { COMPLETE_FIELDS, COMPLETE_REP, docx, entriesWorld, type EntriesWorld, multipart, pdf, png, ROUND, zipOf } from "./entries.test-helpers";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe.each(DIALECTS)("entries API (%s)", (dialect) => {
  let w: EntriesWorld;
  let A: string;
  let B: string;
  let C: string;
  const url = (unit: string, tail = "") => `/api/entries/${ROUND}/units/${unit}${tail}`;
  beforeEach(async () => {
    w = await entriesWorld(dialect);
    [A, B, C] = w.units;
  });
  afterEach(async () => {
    await w.close();
  });

  const inviteOf = async (userId: string) => {
    const row = await w.app.ctx.db.selectFrom("reminderOutbox").select("path").where("userId", "=", userId).where("ruleId", "=", `entries-invite:${ROUND}`).executeTakeFirstOrThrow();
    return new URL(row.path, "http://x").searchParams.get("invite") as string;
  };
  const save = (auth: Record<string, string>, unit: string, baseVersion: number, draft: object) => w.app.inject({ method: "PUT", url: url(unit, "/draft"), headers: auth, payload: { baseVersion, draft } });
  const upload = (auth: Record<string, string>, unit: string, body: Buffer, name: string) => {
    const m = multipart(body, name);
    return w.app.inject({ method: "POST", url: url(unit, "/files"), headers: { ...auth, ...m.headers }, payload: m.payload });
  };
  const storedObjects = () => {
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${d}/${e.name}`) : [e.name]));
    return walk(w.filesDir).length;
  };

  it("invites the qualified units' leads through the inbox; the link binds a colleague, and refuses other units, forgeries and expired links", async () => {
    const staffA = await w.signIn("Cán Bộ A", "staff", A);
    const staffB = await w.signIn("Cán Bộ B", "staff", B);
    const leadC = await w.signIn("Lãnh Đạo C", "unit_lead", C);
    const sent = await w.app.inject({ method: "POST", url: `/api/entries/${ROUND}/invitations`, headers: w.org.auth });
    expect(sent.json()).toEqual({ units: 2, queued: 1 });
    // The organiser's reminder reaches A's lead once today (B has no lead signed up yet).
    expect((await w.app.inject({ method: "POST", url: `/api/entries/${ROUND}/remind`, headers: w.org.auth })).json()).toEqual({ units: 2, queued: 1 });
    expect((await w.app.inject({ method: "POST", url: `/api/entries/${ROUND}/remind`, headers: w.org.auth })).json()).toEqual({ units: 2, queued: 0 });
    expect((await w.app.inject({ method: "POST", url: `/api/entries/${ROUND}/remind`, headers: w.leadA.auth })).statusCode).toBe(403);
    // Idempotent: a second call (the job, the button) queues nothing new.
    expect((await w.app.inject({ method: "POST", url: `/api/entries/${ROUND}/invitations`, headers: w.org.auth })).json()).toEqual({ units: 2, queued: 0 });
    const invite = await inviteOf(w.leadA.user.id);

    // Before joining, a colleague of the unit is not on the team.
    expect((await w.app.inject({ method: "GET", url: url(A), headers: staffA.auth })).statusCode).toBe(403);
    const joined = await w.app.inject({ method: "POST", url: url(A, "/join"), headers: staffA.auth, payload: { invite } });
    expect(joined.statusCode).toBe(200);
    expect(joined.json().contributors.map((c: { name: string }) => c.name)).toContain("Cán Bộ A");

    const other = await w.app.inject({ method: "POST", url: url(A, "/join"), headers: staffB.auth, payload: { invite } });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe("ENTRY_INVITE_OTHER_UNIT");
    expect(other.body).not.toContain("Cán Bộ A");
    // A's token used on B's entry, or tampered.
    expect((await w.app.inject({ method: "POST", url: url(B, "/join"), headers: staffB.auth, payload: { invite } })).json().error.code).toBe("ENTRY_INVITE_INVALID");
    expect((await w.app.inject({ method: "POST", url: url(A, "/join"), headers: staffA.auth, payload: { invite: invite.slice(0, -2) + "xx" } })).json().error.code).toBe("ENTRY_INVITE_INVALID");
    // Not qualified, judge, anonymous; organisers read but do not edit.
    expect((await w.app.inject({ method: "GET", url: url(C), headers: leadC.auth })).json().error.code).toBe("ENTRY_NOT_ELIGIBLE");
    const judge = await w.signIn("Giám Khảo", "judge");
    expect((await w.app.inject({ method: "GET", url: url(A), headers: judge.auth })).statusCode).toBe(403);
    expect((await w.app.inject({ method: "GET", url: url(A) })).statusCode).toBe(401);
    expect((await w.app.inject({ method: "GET", url: url(A), headers: w.org.auth })).json().canEdit).toBe(false);
    expect((await save(w.org.auth, A, 0, {})).statusCode).toBe(403);
    expect((await w.app.inject({ method: "GET", url: url(A), headers: staffB.auth })).statusCode).toBe(403);

    w.clock.advance(13 * 86400_000);
    const late = await w.app.inject({ method: "POST", url: url(A, "/join"), headers: staffA.auth, payload: { invite } });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe("ENTRY_INVITE_EXPIRED");
  });

  it("saves drafts with versions: a stale save gets 409 with the current text; bad text is named", async () => {
    const ok = await save(w.leadA.auth, A, 0, { fields: { title: "Bản nháp 1" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(1);
    const stale = await save(w.leadA.auth, A, 0, { fields: { title: "Bản nháp khác" } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("ENTRY_VERSION_CONFLICT");
    expect(stale.json().current).toMatchObject({ version: 1, draft: { fields: { title: "Bản nháp 1" } }, updatedBy: "Lãnh Đạo A" });

    const huge = await save(w.leadA.auth, A, 1, { fields: { summary: "x".repeat(50_000) } });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.code).toBe("VALIDATION_FAILED");
    const tooLong = await save(w.leadA.auth, A, 1, { fields: { title: "y".repeat(201) } });
    expect(tooLong.json().error.fields["fields.title"]).toMatch(/tối đa 200/);
    const nul = await save(w.leadA.auth, A, 1, { fields: { title: "Tên\u0000sản phẩm" }, representative: { fullName: "A\u001bB" } });
    expect(nul.statusCode).toBe(400);
    expect(Object.keys(nul.json().error.fields).sort()).toEqual(["fields.title", "representative.fullName"]);
    // Nothing of the refused saves was written.
    const view = (await w.app.inject({ method: "GET", url: url(A), headers: w.leadA.auth })).json();
    expect(view.version).toBe(1);
    expect(view.draft.fields.title).toBe("Bản nháp 1");
  });

  it("takes attachments by content, caps size, total and count, dedups, refuses ZIP bombs and replayed tokens, leaving nothing half-written", async () => {
    const p1 = await pdf("Nguyễn Văn A");
    const first = await upload(w.leadA.auth, A, p1, "../../Báo cáo <1>.pdf");
    expect(first.statusCode).toBe(200);
    expect(first.json().file).toMatchObject({ name: "Báo cáo 1.pdf", size: p1.length, sha256: sha(p1), mime: "application/pdf" });
    expect((await upload(w.leadA.auth, A, p1, "copy.pdf")).json().deduplicated).toBe(true);
    const objects = storedObjects();

    const refusals: [Buffer, string, number, string][] = [
      [Buffer.from("MZ\x90\x00 this is a windows program"), "setup.pdf", 415, "FILE_TYPE_NOT_ALLOWED"],
      [Buffer.alloc(0), "empty.pdf", 400, "FILE_EMPTY"],
      [Buffer.concat([p1, Buffer.alloc(120_000)]), "big.pdf", 413, "FILE_TOO_LARGE"],
      [await docx("x", { "word/media/bomb.bin": Buffer.alloc(20 * 1024 * 1024) }), "bomb.docx", 422, "FILE_ZIP_BOMB"],
    ];
    for (const [body, name, status, code] of refusals) {
      const res = await upload(w.leadA.auth, A, body, name);
      expect([name, res.statusCode, res.json().error?.code]).toEqual([name, status, code]);
    }
    expect(storedObjects()).toBe(objects);

    // Total and count caps (250 kB in all, 4 files).
    expect((await upload(w.leadA.auth, A, Buffer.concat([await pdf("b"), Buffer.alloc(90_000)]), "b.pdf")).statusCode).toBe(200);
    expect((await upload(w.leadA.auth, A, Buffer.concat([await pdf("c"), Buffer.alloc(90_000)]), "c.pdf")).statusCode).toBe(200);
    const over = await upload(w.leadA.auth, A, Buffer.concat([await pdf("d"), Buffer.alloc(90_000)]), "d.pdf");
    expect(over.json().error.code).toBe("FILES_TOTAL_TOO_LARGE");
    expect((await upload(w.leadA.auth, A, png(3), "anh.png")).statusCode).toBe(200);
    expect((await upload(w.leadA.auth, A, png(4), "anh2.png")).json().error.code).toBe("FILES_TOO_MANY");
    const rows = await w.app.ctx.db.selectFrom("entryFiles").select("id").execute();
    expect(rows.length).toBe(4);

    // The upload URL for Zalo's media picker: single use.
    const del = await w.app.inject({ method: "DELETE", url: url(A, `/files/${first.json().file.id}`), headers: w.leadA.auth });
    expect(del.json()).toEqual({ removed: true });
    const tok = (await w.app.inject({ method: "POST", url: url(A, "/upload-token"), headers: w.leadA.auth })).json();
    const m = multipart(await docx("Tác giả"), "thuyet-minh.docx");
    const byToken = await w.app.inject({ method: "POST", url: tok.url, headers: m.headers, payload: m.payload });
    expect(byToken.statusCode).toBe(200);
    expect(byToken.json().file.mime).toContain("wordprocessingml");
    const replay = await w.app.inject({ method: "POST", url: tok.url, headers: m.headers, payload: m.payload });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe("UPLOAD_TOKEN_INVALID");
  });

  it("submits a complete entry with a receipt whose hashes check out; refuses incomplete, double-tapped and late submissions; withdraw and resubmit", async () => {
    const incomplete = await w.app.inject({ method: "POST", url: url(A, "/submit"), headers: w.leadA.auth, payload: { version: 0 } });
    expect(incomplete.statusCode).toBe(400); // nothing saved yet: there is no version to submit
    let v = (await save(w.leadA.auth, A, 0, { fields: { title: "Chỉ có tên" } })).json().version as number;
    const missing = await w.app.inject({ method: "POST", url: url(A, "/submit"), headers: w.leadA.auth, payload: { version: v } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe("ENTRY_INCOMPLETE");
    expect(Object.keys(missing.json().error.fields)).toEqual(expect.arrayContaining(["fields.summary", "representative.consent", "files"]));

    const file = await pdf("Nguyễn Văn A");
    await upload(w.leadA.auth, A, file, "bao-cao.pdf");
    v = (await save(w.leadA.auth, A, v, { fields: COMPLETE_FIELDS, representative: COMPLETE_REP })).json().version;
    const [one, two] = await Promise.all([
      w.app.inject({ method: "POST", url: url(A, "/submit"), headers: w.leadA.auth, payload: { version: v } }),
      w.app.inject({ method: "POST", url: url(A, "/submit"), headers: w.leadA.auth, payload: { version: v } }),
    ]);
    const ok = [one, two].find((r) => r.statusCode === 200);
    const dup = [one, two].find((r) => r.statusCode !== 200);
    expect(dup?.statusCode).toBe(409);
    expect(dup?.json().error.code).toBe("ENTRY_ALREADY_SUBMITTED");
    const receipt = ok?.json().receipt;
    expect(receipt).toMatchObject({ entryCode: "V2-01", unitCode: A, version: v, files: [{ name: "bao-cao.pdf", size: file.length, sha256: sha(file) }] });
    expect(Date.parse(receipt.submittedAt)).toBe(w.clock.now().getTime());
    const expected = createHash("sha256")
      .update(canonicalJson({ round: ROUND, unit: A, entryCode: "V2-01", version: v, fields: COMPLETE_FIELDS, videoUrl: "", representative: COMPLETE_REP, files: receipt.files }))
      .digest("hex");
    expect(receipt.sha256).toBe(expected);
    const inbox = await w.app.inject({ method: "GET", url: "/api/inbox", headers: w.leadA.auth });
    expect(JSON.stringify(inbox.json())).toContain("Đã nhận hồ sơ V2-01");
    const pdfRes = await w.app.inject({ method: "GET", url: url(A, "/receipt.pdf"), headers: w.leadA.auth });
    expect(pdfRes.headers["content-type"]).toBe("application/pdf");
    expect(pdfRes.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");

    expect((await save(w.leadA.auth, A, v, { fields: COMPLETE_FIELDS })).json().error.code).toBe("ENTRY_ALREADY_SUBMITTED");
    expect((await w.app.inject({ method: "POST", url: url(A, "/withdraw"), headers: w.leadA.auth })).json()).toEqual({ status: "withdrawn" });
    v = (await save(w.leadA.auth, A, v, { fields: { ...COMPLETE_FIELDS, title: "Tên mới" }, representative: COMPLETE_REP })).json().version;
    const again = await w.app.inject({ method: "POST", url: url(A, "/submit"), headers: w.leadA.auth, payload: { version: v } });
    expect(again.json().receipt).toMatchObject({ entryCode: "V2-01", version: v });
    const versions = await w.app.ctx.db.selectFrom("entryVersions").select(["version", "submitted"]).where("submitted", "=", 1).execute();
    expect(versions.length).toBe(2);

    // Past the deadline: refused, until an organiser extends this unit's deadline (audited).
    await w.app.inject({ method: "POST", url: url(A, "/withdraw"), headers: w.leadA.auth });
    w.clock.advance(13 * 86400_000);
    const late = await save(w.leadA.auth, A, v, { fields: COMPLETE_FIELDS });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("ENTRY_DEADLINE_PASSED");
    const noReason = await w.app.inject({ method: "POST", url: `/api/entries/${ROUND}/deadline`, headers: w.org.auth, payload: { unit: A, until: new Date(w.clock.now().getTime() + 86400_000).toISOString(), reason: "" } });
    expect(noReason.statusCode).toBe(400);
    const until = new Date(w.clock.now().getTime() + 86400_000).toISOString();
    const ext = await w.app.inject({ method: "POST", url: `/api/entries/${ROUND}/deadline`, headers: w.org.auth, payload: { unit: A, until, reason: "Mất điện diện rộng ngày cuối" } });
    expect(ext.json()).toEqual({ unit: A, deadline: until });
    expect((await save(w.leadA.auth, A, v, { fields: COMPLETE_FIELDS, representative: COMPLETE_REP })).statusCode).toBe(200);
    const audit = await w.app.ctx.db.selectFrom("auditLog").selectAll().where("action", "=", "entries.deadline.extend").execute();
    expect(audit[0]?.details).toContain("Mất điện");
    // Another unit's deadline is unchanged.
    const leadB = await w.signIn("Lãnh Đạo B", "unit_lead", B);
    expect((await save(leadB.auth, B, 0, { fields: { title: "B" } })).json().error.code).toBe("ENTRY_DEADLINE_PASSED");
  });

  it("one entry per unit per round is enforced by the database", async () => {
    await save(w.leadA.auth, A, 0, { fields: { title: "x" } });
    const now = w.clock.now().toISOString();
    await expect(
      w.app.ctx.db.insertInto("entries").values({ id: "dup", roundId: ROUND, unitCode: A, entryCode: null, status: "draft", version: 0, draftJson: "{}", updatedBy: null, submittedVersionId: null, submittedAt: null, deadlineOverride: null, createdAt: now, updatedAt: now }).execute(),
    ).rejects.toThrow();
  });

  it("zip helper sanity: a plain zip named .docx is not an Office document", async () => {
    const res = await upload(w.leadA.auth, A, await zipOf({ "a.txt": "hello" }), "fake.docx");
    expect(res.json().error.code).toBe("FILE_TYPE_NOT_ALLOWED");
  });
});
