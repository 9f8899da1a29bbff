import {
  CloseStageResponseSchema,
  ConfirmQualifiersRequestSchema,
  StageParamsSchema,
  StageResultResponseSchema,
} from "../ranking/ranking.schema";
import { defineEndpoint, FileResponseSchema } from "../shared/endpoint";

const tags = ["units"];

/** A stage's window close, its frozen ranking and its qualifiers. */
export const stagesEndpoints = {
  result: defineEndpoint({
    method: "GET",
    path: "/api/stages/:stageId/result",
    tags,
    summary: "A stage's frozen ranking (if closed) with its SHA-256, the proposed qualifiers and the organiser's confirmation",
    auth: "bearer",
    params: StageParamsSchema,
    responses: { 200: StageResultResponseSchema },
  }),
  close: defineEndpoint({
    method: "POST",
    path: "/api/stages/:stageId/close",
    tags,
    summary: "Close a stage (organisers, after its deadline): compute its final ranking once and freeze it; idempotent",
    auth: "bearer",
    params: StageParamsSchema,
    responses: { 200: CloseStageResponseSchema },
  }),
  confirmQualifiers: defineEndpoint({
    method: "POST",
    path: "/api/stages/:stageId/qualifiers",
    tags,
    summary: "Confirm the units going on to the next stage (a reason is required when they differ from the proposal); audited",
    auth: "bearer",
    params: StageParamsSchema,
    body: ConfirmQualifiersRequestSchema,
    responses: { 200: StageResultResponseSchema },
  }),
  snapshotCsv: defineEndpoint({
    method: "GET",
    path: "/api/stages/:stageId/snapshot.csv",
    tags,
    summary: "A stage's published ranking as CSV (public); its SHA-256 is in the x-content-sha256 header and in the app",
    auth: "none",
    params: StageParamsSchema,
    responses: { 200: FileResponseSchema },
  }),
};
