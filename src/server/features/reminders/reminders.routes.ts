import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { remindersEndpoints as R } from "../../../domain/reminders/reminders.endpoints";
import { requireRole, requireUser } from "../../plugins/auth";
import { route } from "../../shared/route";
import { getInbox, nudge, overview, readAllInbox, readInboxItem, sendTestReminder, unreadCount } from "./reminders.service";

export type RemindersRoutesOptions = { workerRunning: () => boolean };

const remindersRoutes: FastifyPluginAsyncZod<RemindersRoutesOptions> = async (app, opts) => {
  route(app, R.inbox, async (req) => getInbox(app.ctx, requireUser(req), req.query));
  route(app, R.unreadCount, async (req) => unreadCount(app.ctx, requireUser(req)));
  route(app, R.markRead, async (req) => readInboxItem(app.ctx, requireUser(req), req.params.id));
  route(app, R.markAllRead, async (req) => readAllInbox(app.ctx, requireUser(req)));
  route(app, R.nudge, async (req) => nudge(app.ctx, requireRole(req, "unit_lead", "organizer"), req.body.userIds));
  route(app, R.sendTest, async (req) => sendTestReminder(app.ctx, requireRole(req, "organizer"), req.body.ruleId));
  route(app, R.overview, async (req) => {
    requireRole(req, "organizer");
    return overview(app.ctx, opts.workerRunning());
  });
};

export default remindersRoutes;
