import { defineEndpoint, FileResponseSchema } from "../shared/endpoint";
import {
  AllocateRequestSchema,
  HonourResponseSchema,
  MyPrizeResponseSchema,
  OfficialFileParamsSchema,
  PresenterResponseSchema,
  PresentRequestSchema,
  PrizesResponseSchema,
} from "./jury.schema";

const tags = ["jury"];

/** The live final (order, presenter screen, reveal), prizes, the official result and the honour page. */
export const finalEndpoints = {
  presenter: defineEndpoint({
    method: "GET",
    path: "/api/final/presenter",
    tags,
    summary: "What the hall's screen shows: order, who is on, countdown, revealed places (public)",
    auth: "none",
    responses: { 200: PresenterResponseSchema },
  }),
  drawOrder: defineEndpoint({
    method: "POST",
    path: "/api/final/draw",
    tags,
    summary: "Draw the presentation order once, with a published seed (audited)",
    auth: "bearer",
    responses: { 200: PresenterResponseSchema },
  }),
  present: defineEndpoint({
    method: "POST",
    path: "/api/final/present",
    tags,
    summary: "Put a finalist on stage and start the countdown",
    auth: "bearer",
    body: PresentRequestSchema,
    responses: { 200: PresenterResponseSchema },
  }),
  reveal: defineEndpoint({
    method: "POST",
    path: "/api/final/reveal",
    tags,
    summary: "Reveal the next place, from 6th to 1st (audited)",
    auth: "bearer",
    responses: { 200: PresenterResponseSchema },
  }),
  prizes: defineEndpoint({
    method: "GET",
    path: "/api/prizes",
    tags,
    summary: "Proposed prize allocation and the official result (organisers)",
    auth: "bearer",
    responses: { 200: PrizesResponseSchema },
  }),
  confirmPrizes: defineEndpoint({
    method: "POST",
    path: "/api/prizes/confirm",
    tags,
    summary: "Confirm the allocation: official result frozen with its SHA-256, certificates issued (audited)",
    auth: "bearer",
    body: AllocateRequestSchema,
    responses: { 200: PrizesResponseSchema },
  }),
  officialFile: defineEndpoint({
    method: "GET",
    path: "/api/prizes/official.:format",
    tags,
    summary: "The official result as CSV, XLSX or the PDF results notice (public once confirmed)",
    auth: "none",
    params: OfficialFileParamsSchema,
    responses: { 200: FileResponseSchema },
  }),
  myPrize: defineEndpoint({
    method: "GET",
    path: "/api/prizes/mine",
    tags,
    summary: "My unit's prize, once the official result is out",
    auth: "bearer",
    responses: { 200: MyPrizeResponseSchema },
  }),
  honour: defineEndpoint({
    method: "GET",
    path: "/api/honour",
    tags,
    summary: "The honour page: winners, titles and summaries, and the consented entries as an \"AI at work\" gallery (public)",
    auth: "none",
    responses: { 200: HonourResponseSchema },
  }),
};
