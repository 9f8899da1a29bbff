import { SessionResponseSchema } from "../auth/auth.schema";
import { defineEndpoint } from "../shared/endpoint";
import {
  DemoAccountParamsSchema,
  DemoAccountsResponseSchema,
  DemoClockRequestSchema,
  DemoClockResponseSchema,
  DemoCompleteLessonsResponseSchema,
} from "./demo.schema";

const tags = ["demo"];

/** The demo panel's API: served only with AUTH_DEV (production refuses it), a plain 404 otherwise. */
export const demoEndpoints = {
  clock: defineEndpoint({
    method: "GET",
    path: "/api/demo/clock",
    tags,
    summary: "The demo contest clock and its moments (AUTH_DEV only)",
    auth: "bearer",
    responses: { 200: DemoClockResponseSchema },
  }),
  moveClock: defineEndpoint({
    method: "POST",
    path: "/api/demo/clock",
    tags,
    summary: "Move the demo contest to a moment (organisers, AUTH_DEV only)",
    auth: "bearer",
    body: DemoClockRequestSchema,
    responses: { 200: DemoClockResponseSchema },
  }),
  accounts: defineEndpoint({
    method: "GET",
    path: "/api/demo/accounts",
    tags,
    summary: "Accounts the demo sign-in made, to switch between them (AUTH_DEV only)",
    auth: "none",
    responses: { 200: DemoAccountsResponseSchema },
  }),
  accountSession: defineEndpoint({
    method: "POST",
    path: "/api/demo/accounts/:id/session",
    tags,
    summary: "Sign in as one of the demo accounts (AUTH_DEV only)",
    auth: "none",
    params: DemoAccountParamsSchema,
    responses: { 200: SessionResponseSchema },
  }),
  completeLessons: defineEndpoint({
    method: "POST",
    path: "/api/demo/complete-lessons",
    tags,
    summary: "Mark every lesson watched for the signed-in demo account (AUTH_DEV only)",
    auth: "bearer",
    responses: { 200: DemoCompleteLessonsResponseSchema },
  }),
};
