import { defineEndpoint } from "../shared/endpoint";
import {
  InboxIdParamsSchema,
  InboxQuerySchema,
  InboxResponseSchema,
  MarkReadResponseSchema,
  NudgeRequestSchema,
  NudgeResponseSchema,
  OverviewResponseSchema,
  TestReminderRequestSchema,
  TestReminderResponseSchema,
  UnreadCountResponseSchema,
} from "./reminders.schema";

const tags = ["reminders"];

export const remindersEndpoints = {
  inbox: defineEndpoint({
    method: "GET",
    path: "/api/inbox",
    tags,
    summary: "My in-app inbox, newest first",
    auth: "bearer",
    query: InboxQuerySchema,
    responses: { 200: InboxResponseSchema },
  }),
  unreadCount: defineEndpoint({
    method: "GET",
    path: "/api/inbox/unread-count",
    tags,
    summary: "How many inbox messages I have not read (the navigation badge)",
    auth: "bearer",
    responses: { 200: UnreadCountResponseSchema },
  }),
  markRead: defineEndpoint({
    method: "POST",
    path: "/api/inbox/:id/read",
    tags,
    summary: "Mark one of my inbox messages read",
    auth: "bearer",
    params: InboxIdParamsSchema,
    responses: { 200: MarkReadResponseSchema },
  }),
  markAllRead: defineEndpoint({
    method: "POST",
    path: "/api/inbox/read-all",
    tags,
    summary: "Mark all my inbox messages read",
    auth: "bearer",
    responses: { 200: UnreadCountResponseSchema },
  }),
  nudge: defineEndpoint({
    method: "POST",
    path: "/api/reminders/nudge",
    tags,
    summary: "Nudge named people (unit leads: own unit only; organisers); same pipeline and limits as the calendar reminders",
    auth: "bearer",
    body: NudgeRequestSchema,
    responses: { 200: NudgeResponseSchema },
  }),
  sendTest: defineEndpoint({
    method: "POST",
    path: "/api/reminders/test",
    tags,
    summary: "Organisers: send one rule's reminder to myself through the real pipeline (inbox, and Zalo within its limits)",
    auth: "bearer",
    body: TestReminderRequestSchema,
    responses: { 200: TestReminderResponseSchema },
  }),
  overview: defineEndpoint({
    method: "GET",
    path: "/api/reminders/overview",
    tags,
    summary: "Organisers: queued/sent/failed/skipped per rule with reasons, limits, and the reach estimate",
    auth: "bearer",
    responses: { 200: OverviewResponseSchema },
  }),
};
