import { createHash } from "node:crypto";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeFence } from "../../test/fake-fence";
import { type RealApi, startRealApi } from "../../test/real-api";
import { setApiToken } from "../api/api-client";
import { CertificatesCard } from "./certificates-card";
import { renderWithProviders } from "../../test/render-app";

describe("downloading a certificate inside Zalo against the real API", () => {
  let server: RealApi;
  // The issued record as the certificates feature stores it (PDF making is covered by its API suite;
  // pdf-lib cannot run under jsdom, whose Uint8Array is another realm's).
  const pdf = Buffer.from("%PDF-1.7\n% giấy chứng nhận\n%%EOF\n");
  const cert = { id: "CertZaloLink_0123456789ab", sha256: createHash("sha256").update(pdf).digest("hex") };
  beforeAll(async () => {
    server = await startRealApi();
    const s = await server.signIn("Vũ Thị Chứng Nhận", "staff", "10507");
    await server.app.ctx.db
      .insertInto("certificates")
      .values({ id: cert.id, kind: "participation", subject: s.user.id, payload: "{}", pdfBase64: pdf.toString("base64"), pdfSha256: cert.sha256, issuedAt: new Date().toISOString(), issuedBy: null, revokedAt: null, revokedBy: null, revokeReason: null })
      .execute();
    setApiToken(s.auth.authorization.slice(7));
  });
  afterAll(async () => {
    setApiToken(null);
    await server?.stop();
  });

  it("hands Zalo's downloader a signed link that opens the issued PDF without the bearer", async () => {
    fakeFence.isInsideZalo.mockReturnValue(true);
    fakeFence.downloadToDevice.mockClear();
    try {
      renderWithProviders(<CertificatesCard />);
      fireEvent.click(await screen.findByRole("button", { name: "Tải PDF" }, { timeout: 10_000 }));
      await waitFor(() => expect(fakeFence.downloadToDevice).toHaveBeenCalledTimes(1), { timeout: 10_000 });
      const url = new URL((fakeFence.downloadToDevice.mock.calls as unknown as [string][])[0]![0]);
      expect(url.pathname).toBe(`/api/certificates/${cert.id}/pdf`);
      expect(url.searchParams.get("token")).toBeTruthy();
      const res = await server.app.inject({ method: "GET", url: `${url.pathname}${url.search}` });
      expect(res.statusCode).toBe(200);
      expect(createHash("sha256").update(res.rawPayload).digest("hex")).toBe(cert.sha256);
    } finally {
      fakeFence.isInsideZalo.mockReturnValue(false);
    }
  });
});
