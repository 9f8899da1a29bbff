import { CertificateIdParamsSchema, CertificateRevokeRequestSchema, CertificateSchema, CertificatesResponseSchema } from "../jury/jury.schema";
import { DownloadLinkResponseSchema, DownloadQuerySchema } from "../ranking/ranking.schema";
import { defineEndpoint, FileResponseSchema } from "../shared/endpoint";

const tags = ["certificates"];

/** Certificates: mine, the Stage-1 participation certificate, the issued PDF, revocation. (The QR code's public check page /v/:id is HTML, not API.) */
export const certificatesEndpoints = {
  mine: defineEndpoint({
    method: "GET",
    path: "/api/certificates/mine",
    tags,
    summary: "My certificates (participation, and my unit's award)",
    auth: "bearer",
    responses: { 200: CertificatesResponseSchema },
  }),
  participation: defineEndpoint({
    method: "POST",
    path: "/api/certificates/participation",
    tags,
    summary: "Issue (once) my Stage-1 participation certificate",
    auth: "bearer",
    responses: { 200: CertificateSchema },
  }),
  pdf: defineEndpoint({
    method: "GET",
    path: "/api/certificates/:id/pdf",
    tags,
    summary: "The issued PDF, byte for byte; bearer or ?token= from pdf-link",
    auth: "bearer-or-link",
    params: CertificateIdParamsSchema,
    query: DownloadQuerySchema,
    responses: { 200: FileResponseSchema },
  }),
  pdfLink: defineEndpoint({
    method: "POST",
    path: "/api/certificates/:id/pdf-link",
    tags,
    summary: "A 5-minute signed link to the issued PDF (for Zalo's downloader, which cannot send the bearer header)",
    auth: "bearer",
    params: CertificateIdParamsSchema,
    responses: { 200: DownloadLinkResponseSchema },
  }),
  revoke: defineEndpoint({
    method: "POST",
    path: "/api/certificates/:id/revoke",
    tags,
    summary: "Revoke with a reason; the record stays (organisers, audited)",
    auth: "bearer",
    params: CertificateIdParamsSchema,
    body: CertificateRevokeRequestSchema,
    responses: { 200: CertificateSchema },
  }),
};
