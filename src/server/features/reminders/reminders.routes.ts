import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
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
} from "../../../domain/reminders/reminders.schema";
import { requireRole, requireUser } from "../../plugins/auth";
import { errorResponses } from "../../shared/error-responses";
import { getInbox, nudge, overview, readAllInbox, readInboxItem, sendTestReminder, unreadCount } from "./reminders.service";

const security = [{ bearer: [] }];

export type RemindersRoutesOptions = { workerRunning: () => boolean };

const remindersRoutes: FastifyPluginAsyncZod<RemindersRoutesOptions> = async (app, opts) => {

  app.get(
    "/api/inbox",
    { schema: { tags: ["reminders"], summary: "My in-app inbox, newest first", security, querystring: InboxQuerySchema, response: { 200: InboxResponseSchema, ...errorResponses } } },
    async (req) => getInbox(app.ctx, requireUser(req), req.query),
  );

  app.get(
    "/api/inbox/unread-count",
    { schema: { tags: ["reminders"], summary: "How many inbox messages I have not read (the navigation badge)", security, response: { 200: UnreadCountResponseSchema, ...errorResponses } } },
    async (req) => unreadCount(app.ctx, requireUser(req)),
  );

  app.post(
    "/api/inbox/:id/read",
    { schema: { tags: ["reminders"], summary: "Mark one of my inbox messages read", security, params: InboxIdParamsSchema, response: { 200: MarkReadResponseSchema, ...errorResponses } } },
    async (req) => readInboxItem(app.ctx, requireUser(req), req.params.id),
  );

  app.post(
    "/api/inbox/read-all",
    { schema: { tags: ["reminders"], summary: "Mark all my inbox messages read", security, response: { 200: UnreadCountResponseSchema, ...errorResponses } } },
    async (req) => readAllInbox(app.ctx, requireUser(req)),
  );

  app.post(
    "/api/reminders/nudge",
    {
      schema: {
        tags: ["reminders"],
        summary: "Nudge named people (unit leads: own unit only; organisers); same pipeline and limits as the calendar reminders",
        security,
        body: NudgeRequestSchema,
        response: { 200: NudgeResponseSchema, ...errorResponses },
      },
    },
    async (req) => nudge(app.ctx, requireRole(req, "unit_lead", "organizer"), req.body.userIds),
  );

  app.post(
    "/api/reminders/test",
    {
      schema: {
        tags: ["reminders"],
        summary: "Organisers: send one rule's reminder to myself through the real pipeline (inbox, and Zalo within its limits)",
        security,
        body: TestReminderRequestSchema,
        response: { 200: TestReminderResponseSchema, ...errorResponses },
      },
    },
    async (req) => sendTestReminder(app.ctx, requireRole(req, "organizer"), req.body.ruleId),
  );

  app.get(
    "/api/reminders/overview",
    { schema: { tags: ["reminders"], summary: "Organisers: queued/sent/failed/skipped per rule with reasons, limits, and the reach estimate", security, response: { 200: OverviewResponseSchema, ...errorResponses } } },
    async (req) => {
      requireRole(req, "organizer");
      return overview(app.ctx, opts.workerRunning());
    },
  );
};

export default remindersRoutes;
