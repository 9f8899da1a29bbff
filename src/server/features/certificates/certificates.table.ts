import type { Selectable } from "kysely";

/** An issued certificate; revocation keeps the record (the verify page shows the reason). */
export interface CertificatesTable {
  /** ≥ 128 random bits, base64url: the QR code's link. */
  id: string;
  /** award | participation */
  kind: string;
  subject: string;
  /** JSON of what is printed. */
  payload: string;
  pdfBase64: string;
  pdfSha256: string;
  issuedAt: string;
  issuedBy: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}
export type CertificateRow = Selectable<CertificatesTable>;
