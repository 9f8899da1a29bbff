import { z } from "zod";
import { AuditResponseSchema, DownloadLinkResponseSchema, DownloadQuerySchema } from "../ranking/ranking.schema";
import { UnitParamsSchema } from "../units/roster.schema";
import { defineEndpoint, FileResponseSchema } from "../shared/endpoint";

const tags = ["units"];

/** Query of GET /api/audit. */
export const AuditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/** Official XLSX reports (each with a signed-link twin for Zalo's downloader) and the audit log. */
export const reportsEndpoints = {
  unitReport: defineEndpoint({
    method: "GET",
    path: "/api/units/:code/report.xlsx",
    tags,
    summary: "The unit's official participation report (XLSX): a summary sheet and one row per person; bearer or ?token= from report-link",
    auth: "bearer-or-link",
    params: UnitParamsSchema,
    query: DownloadQuerySchema,
    responses: { 200: FileResponseSchema },
  }),
  unitReportLink: defineEndpoint({
    method: "POST",
    path: "/api/units/:code/report-link",
    tags,
    summary: "A 5-minute signed link to the unit's XLSX report (for Zalo's downloader, which cannot send the bearer header)",
    auth: "bearer",
    params: UnitParamsSchema,
    responses: { 200: DownloadLinkResponseSchema },
  }),
  cityReport: defineEndpoint({
    method: "GET",
    path: "/api/reports/city.xlsx",
    tags,
    summary: "City-wide XLSX report for the department (organisers): per unit roster size, participation, mean score, rank",
    auth: "bearer-or-link",
    query: DownloadQuerySchema,
    responses: { 200: FileResponseSchema },
  }),
  cityReportLink: defineEndpoint({
    method: "POST",
    path: "/api/reports/city-link",
    tags,
    summary: "A 5-minute signed link to the city-wide XLSX (organisers)",
    auth: "bearer",
    responses: { 200: DownloadLinkResponseSchema },
  }),
  audit: defineEndpoint({
    method: "GET",
    path: "/api/audit",
    tags,
    summary: "The audit log: roster imports, claim decisions, roles from rosters, stage close, qualifier confirmations (organisers)",
    auth: "bearer",
    query: AuditQuerySchema,
    responses: { 200: AuditResponseSchema },
  }),
};
