import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { authEndpoints as A } from "../../../domain/auth/auth.endpoints";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { route } from "../../shared/route";
import { revokeUserSessions, signInDev, signInWithZalo, signOut, updateMe, verifyPhone } from "./auth.service";
import { userRowToUser } from "./users.repository";

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  route(app, A.signInWithZalo, async (req) => signInWithZalo(app.ctx, req.body.accessToken));

  route(app, A.verifyPhone, async (req) => ({ user: await verifyPhone(app.ctx, requireUser(req), req.body.phoneToken, req.body.accessToken) }));

  // Not listed in /docs when the demo sign-in is off.
  route(
    app,
    A.signInDev,
    async (req) => {
      if (!app.ctx.env.AUTH_DEV) throw new AppError(404, "DEV_AUTH_DISABLED", "Route POST /api/auth/dev not found");
      return signInDev(app.ctx, req.body);
    },
    { hide: !app.ctx.env.AUTH_DEV },
  );

  route(app, A.me, async (req) => ({ user: userRowToUser(requireUser(req)) }));

  route(app, A.updateMe, async (req) => ({ user: await updateMe(app.ctx, requireUser(req), req.body) }));

  route(app, A.signOut, async (req) => {
    const user = requireUser(req);
    await signOut(app.ctx, user, req.session!, req.body?.everywhere ?? false);
    return { ok: true as const };
  });

  route(app, A.revokeSessions, async (req) => {
    requireRole(req, "organizer");
    await revokeUserSessions(app.ctx, req.params.id);
    return { ok: true as const };
  });
};

export default authRoutes;
