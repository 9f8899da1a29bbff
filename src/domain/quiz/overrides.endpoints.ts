import { defineEndpoint } from "../shared/endpoint";
import {
  ExtraTimeRequestSchema,
  FocusEventsResponseSchema,
  MyOverridesResponseSchema,
  OverrideAttemptParamsSchema,
  OverridePersonParamsSchema,
  OverrideResponseSchema,
  ReasonRequestSchema,
  ReopenRequestSchema,
} from "./overrides.schema";

const tags = ["quiz"];

/** Organisers' overrides of one person's test (each with a reason, audited, shown to the person). */
export const quizOverridesEndpoints = {
  extraTime: defineEndpoint({
    method: "POST",
    path: "/api/quiz/overrides/attempts/:id/time",
    tags,
    summary: "Add time to an active attempt (organisers; reason required; audited)",
    auth: "bearer",
    params: OverrideAttemptParamsSchema,
    body: ExtraTimeRequestSchema,
    responses: { 200: OverrideResponseSchema },
  }),
  reopen: defineEndpoint({
    method: "POST",
    path: "/api/quiz/overrides/attempts/:id/reopen",
    tags,
    summary: "Reopen an attempt that expired through a proven outage, with a new due time (organisers; audited)",
    auth: "bearer",
    params: OverrideAttemptParamsSchema,
    body: ReopenRequestSchema,
    responses: { 200: OverrideResponseSchema },
  }),
  void: defineEndpoint({
    method: "POST",
    path: "/api/quiz/overrides/attempts/:id/void",
    tags,
    summary: "Void an attempt (cheating confirmed): it counts nowhere (organisers; audited)",
    auth: "bearer",
    params: OverrideAttemptParamsSchema,
    body: ReasonRequestSchema,
    responses: { 200: OverrideResponseSchema },
  }),
  extraAttempt: defineEndpoint({
    method: "POST",
    path: "/api/quiz/overrides/people/:userId/extra-attempt",
    tags,
    summary: "Grant one extra attempt (organisers; audited)",
    auth: "bearer",
    params: OverridePersonParamsSchema,
    body: ReasonRequestSchema,
    responses: { 200: OverrideResponseSchema },
  }),
  focusEvents: defineEndpoint({
    method: "GET",
    path: "/api/quiz/overrides/attempts/:id/focus-events",
    tags,
    summary: "The attempt's AppPaused/AppResumed log (organisers; advisory only)",
    auth: "bearer",
    params: OverrideAttemptParamsSchema,
    responses: { 200: FocusEventsResponseSchema },
  }),
  myNotices: defineEndpoint({
    method: "GET",
    path: "/api/quiz/notices",
    tags,
    summary: "What organisers changed about my test, and why",
    auth: "bearer",
    responses: { 200: MyOverridesResponseSchema },
  }),
};
