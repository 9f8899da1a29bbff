import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Role } from "../../domain/auth/auth.schema";
import { findSessionUser } from "../features/auth/sessions.repository";
import { issueSessionToken, SESSION_RENEW_AFTER_MS, SESSION_TTL_MS, type SessionClaims, SessionTokenVerifier } from "../features/auth/session-token";
import { findUserById } from "../features/auth/users.repository";
import type { UserRow } from "../features/auth/users.table";
import { AppError } from "../shared/app-error";
import { ActivityBuffer } from "./activity-buffer";

/** The renewed token rides on this response header; the app stores it (sliding sessions). */
export const SESSION_RENEW_HEADER = "x-session-token";

declare module "fastify" {
  interface FastifyInstance {
    /** `last_active_at`, written in the background (activity-buffer.ts). */
    activity: ActivityBuffer;
  }
  interface FastifyRequest {
    /** The verified session behind `user`, or null. */
    session: SessionClaims | null;
    /** Why the bearer token was not accepted; requireUser reports it (public routes treat the caller as anonymous). */
    authError: AppError | null;
  }
}

/** Resolves `request.user` from the bearer token; routes then call requireUser/requireRole. */
export default fp(
  async function auth(app: FastifyInstance) {
    const activity = new ActivityBuffer(app.ctx.db, (err) => app.log.error({ err }, "writing last_active_at failed"));
    app.decorate("activity", activity);
    // Registered after the database's own onClose hook, so it runs before the database closes.
    app.addHook("onClose", () => activity.flush());
    app.decorateRequest("user", null);
    app.decorateRequest("session", null);
    app.decorateRequest("authError", null);
    const tokens = new SessionTokenVerifier(app.ctx.env.SESSION_SECRET);
    app.addHook("onRequest", async (request, reply) => {
      const header = request.headers.authorization;
      if (!header?.startsWith("Bearer ")) return;
      const { env, db, clock, sessionClock } = app.ctx;
      const sessionNow = sessionClock.now();
      const now = clock.now();
      const check = tokens.verify(header.slice(7).trim(), sessionNow);
      if (!check.ok) {
        request.authError = new AppError(401, check.reason === "expired" ? "SESSION_EXPIRED" : "UNAUTHENTICATED", "Session is not valid");
        return;
      }
      const session = await findSessionUser(db, check.userId, check.sessionId);
      const found = session?.user;
      // An anonymised account (deleted at the person's request) is gone for sign-in purposes.
      if (!found || found.deletedAt) {
        request.authError = new AppError(401, "UNAUTHENTICATED", "Session user no longer exists");
        return;
      }
      if (found.sessionVersion !== check.version || session.revoked) {
        request.authError = new AppError(401, "SESSION_EXPIRED", "This session was signed out");
        return;
      }
      // A session of an account merged into another acts as the kept account (people feature).
      const user = found.mergedInto ? await findUserById(db, found.mergedInto) : found;
      if (!user || user.deletedAt) {
        request.authError = new AppError(401, "UNAUTHENTICATED", "Session user no longer exists");
        return;
      }
      request.user = user;
      request.session = check;
      if (check.expiresMs - sessionNow.getTime() < SESSION_TTL_MS - SESSION_RENEW_AFTER_MS)
        reply.header(SESSION_RENEW_HEADER, issueSessionToken(env.SESSION_SECRET, user.id, sessionNow, user.sessionVersion, check.sessionId));
      activity.note(user.id, user.lastActiveAt, now);
    });
  },
  { name: "auth" },
);

export function requireUser(request: FastifyRequest): UserRow {
  if (!request.user) throw request.authError ?? new AppError(401, "UNAUTHENTICATED", "Sign in first");
  return request.user;
}

export function requireRole(request: FastifyRequest, ...roles: Role[]): UserRow {
  const user = requireUser(request);
  if (!roles.includes(user.role)) throw new AppError(403, "FORBIDDEN", `Needs role ${roles.join(" or ")}`);
  return user;
}
