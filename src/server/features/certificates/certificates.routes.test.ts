import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { completeLessons, finishAttempt } from "../../test/seed";
import { qrFromPdf, qrFromPdfWithoutRenderer } from "../../test/pdf-qr";


describe.each(DIALECTS)("certificates (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { env: { PUBLIC_BASE_URL: "https://hocvu.example.vn" } });
  });
  afterAll(async () => t?.close());

  it("issues a participation certificate only after Stage 1 is complete", async () => {
    const s = await t.signIn("Nguyễn Thị Hoàn Thành", "staff", "10507");
    const early = await t.app.inject({ method: "POST", url: "/api/certificates/participation", headers: s.auth });
    expect([early.statusCode, early.json().error.code]).toEqual([409, "CERTIFICATE_NOT_ELIGIBLE"]);
    await completeLessons(t, s.user.id, { at: t.clock.now() });
    await finishAttempt(t, s.user.id, { score: 80, startedAt: t.clock.now() });
    const res = await t.app.inject({ method: "POST", url: "/api/certificates/participation", headers: s.auth });
    expect(res.statusCode).toBe(200);
    const again = await t.app.inject({ method: "POST", url: "/api/certificates/participation", headers: s.auth });
    expect(again.json().id).toBe(res.json().id);
    expect(Buffer.from(res.json().id, "base64url").length * 8).toBeGreaterThanOrEqual(128);
  });

  it("prints a QR code whose link verifies the issued file, then shows a revocation with its reason", async () => {
    const s = await t.signIn("Trần Văn Kiểm", "staff", "10525");
    await completeLessons(t, s.user.id, { at: t.clock.now() });
    await finishAttempt(t, s.user.id, { score: 90, startedAt: t.clock.now() });
    const cert = (await t.app.inject({ method: "POST", url: "/api/certificates/participation", headers: s.auth })).json();
    const pdf = await t.app.inject({ method: "GET", url: cert.pdfPath, headers: s.auth });
    expect(pdf.statusCode).toBe(200);
    const bytes = pdf.rawPayload;
    const sha = createHash("sha256").update(bytes).digest("hex");
    expect(sha).toBe(cert.sha256);
    const url = await qrFromPdf(bytes);
    // The same code read from the image inside the PDF (the path a machine without poppler takes).
    expect(await qrFromPdfWithoutRenderer(bytes)).toBe(url);
    expect(url).toBe(`https://hocvu.example.vn/v/${cert.id}`);
    const page = await t.app.inject({ method: "GET", url: new URL(url).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-status="valid"');
    expect(page.body).toContain(sha);
    expect(page.body).toContain("Trần Văn Kiểm");

    const other = await t.signIn("Người Lạ", "staff", "10532");
    expect((await t.app.inject({ method: "GET", url: cert.pdfPath, headers: other.auth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url: `/api/certificates/${cert.id}/revoke`, headers: other.auth, payload: { reason: "Không hợp lệ" } })).statusCode).toBe(403);
    const org = await t.signIn("Ban Tổ Chức", "organizer");
    const rev = await t.app.inject({ method: "POST", url: `/api/certificates/${cert.id}/revoke`, headers: org.auth, payload: { reason: "Cấp nhầm người" } });
    expect(rev.json().revokedAt).not.toBeNull();
    const revoked = await t.app.inject({ method: "GET", url: `/v/${cert.id}` });
    expect(revoked.body).toContain('data-status="revoked"');
    expect(revoked.body).toContain("Cấp nhầm người");
    expect(revoked.body).toContain(sha);
    // The record stays; a new certificate can be issued beside it.
    const fresh = (await t.app.inject({ method: "POST", url: "/api/certificates/participation", headers: s.auth })).json();
    expect(fresh.id).not.toBe(cert.id);
    const mine = (await t.app.inject({ method: "GET", url: "/api/certificates/mine", headers: s.auth })).json().certificates;
    expect(mine).toHaveLength(2);
  });

  it("hands out a 5-minute signed link to the PDF for Zalo's downloader, for that certificate and its owner only", async () => {
    const s = await t.signIn("Lê Thị Liên Kết", "staff", "10537");
    await completeLessons(t, s.user.id, { at: t.clock.now() });
    await finishAttempt(t, s.user.id, { score: 85, startedAt: t.clock.now() });
    const cert = (await t.app.inject({ method: "POST", url: "/api/certificates/participation", headers: s.auth })).json();
    expect((await t.app.inject({ method: "GET", url: cert.pdfPath })).statusCode).toBe(401);
    const other = await t.signIn("Người Khác Đơn Vị", "staff", "10543");
    expect((await t.app.inject({ method: "POST", url: `/api/certificates/${cert.id}/pdf-link`, headers: other.auth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url: `/api/certificates/${cert.id}/pdf-link` })).statusCode).toBe(401);
    const link = await t.app.inject({ method: "POST", url: `/api/certificates/${cert.id}/pdf-link`, headers: s.auth });
    expect(link.statusCode).toBe(200);
    const { url, expiresAt } = link.json();
    expect(Date.parse(expiresAt) - t.clock.now().getTime()).toBe(5 * 60_000);
    // No bearer: the link alone opens the PDF, byte for byte what was issued.
    const pdf = await t.app.inject({ method: "GET", url });
    expect(pdf.statusCode).toBe(200);
    expect(createHash("sha256").update(pdf.rawPayload).digest("hex")).toBe(cert.sha256);
    // The token is bound to this file: another certificate's path refuses it, and so does a tampered token.
    const token = new URL(url, "http://x").searchParams.get("token")!;
    const otherCert = (await t.app.inject({ method: "GET", url: "/api/certificates/mine", headers: other.auth })).json().certificates[0]?.id ?? "BBBBBBBBBBBBBBBBBBBBBBBB";
    expect((await t.app.inject({ method: "GET", url: `/api/certificates/${otherCert}/pdf?token=${encodeURIComponent(token)}` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: `${cert.pdfPath}?token=${encodeURIComponent(`${token.slice(0, -2)}xx`)}` })).statusCode).toBe(401);
    // A link of an account erased since it was issued opens nothing, as its bearer session does not.
    const erasedLink = (await t.app.inject({ method: "POST", url: `/api/certificates/${cert.id}/pdf-link`, headers: s.auth })).json().url;
    await t.app.ctx.db.updateTable("users").set({ deletedAt: t.clock.now().toISOString() }).where("id", "=", s.user.id).execute();
    const erased = await t.app.inject({ method: "GET", url: erasedLink });
    expect([erased.statusCode, erased.json().error.code]).toEqual([401, "SESSION_EXPIRED"]);
    await t.app.ctx.db.updateTable("users").set({ deletedAt: null }).where("id", "=", s.user.id).execute();
    t.clock.advance(5 * 60_000 + 1000);
    const expired = await t.app.inject({ method: "GET", url });
    expect([expired.statusCode, expired.json().error.code]).toEqual([401, "SESSION_EXPIRED"]);
  });

  it("answers not found for an unknown or malformed id, without echoing markup", async () => {
    const res = await t.app.inject({ method: "GET", url: "/v/AAAAAAAAAAAAAAAAAAAAAAAA" });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Không tìm thấy");
    const evil = await t.app.inject({ method: "GET", url: `/v/${encodeURIComponent("<script>x</script>")}` });
    expect(evil.statusCode).toBe(404);
    expect(evil.body).not.toContain("<script>x");
  });
});
