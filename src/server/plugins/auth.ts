import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Role } from "../../domain/auth/auth.schema";
import { verifySessionToken } from "../features/auth/session-token";
import { findUserById, touchLastActive } from "../features/auth/users.repository";
import type { UserRow } from "../features/auth/users.table";
import { AppError } from "../shared/app-error";

const ACTIVITY_WRITE_EVERY_MS = 10 * 60_000;

/** Resolves `request.user` from the bearer token; routes then call requireUser/requireRole. */
export default fp(
  async function auth(app: FastifyInstance) {
    const lastWrite = new Map<string, number>();
    app.decorateRequest("user", null);
    app.addHook("onRequest", async (request) => {
      const header = request.headers.authorization;
      if (!header?.startsWith("Bearer ")) return;
      const { env, db, clock } = app.ctx;
      const now = clock.now();
      const check = verifySessionToken(env.SESSION_SECRET, header.slice(7).trim(), now);
      if (!check.ok) throw new AppError(401, check.reason === "expired" ? "SESSION_EXPIRED" : "UNAUTHENTICATED", "Session is not valid");
      const found = await findUserById(db, check.userId);
      // A session of an account merged into another acts as the kept account (people feature).
      const user = found?.mergedInto ? await findUserById(db, found.mergedInto) : found;
      // An anonymised account (deleted at the person's request) is gone for sign-in purposes.
      if (!user || user.deletedAt) throw new AppError(401, "UNAUTHENTICATED", "Session user no longer exists");
      request.user = user;
      // Activity feeds Zalo's 7-day notification rule; an hourly-ish write is precise enough.
      const last = lastWrite.get(user.id) ?? Date.parse(user.lastActiveAt);
      if (now.getTime() - last > ACTIVITY_WRITE_EVERY_MS) {
        lastWrite.set(user.id, now.getTime());
        await touchLastActive(db, user.id, now);
      }
    });
  },
  { name: "auth" },
);

export function requireUser(request: FastifyRequest): UserRow {
  if (!request.user) throw new AppError(401, "UNAUTHENTICATED", "Sign in first");
  return request.user;
}

export function requireRole(request: FastifyRequest, ...roles: Role[]): UserRow {
  const user = requireUser(request);
  if (!roles.includes(user.role)) throw new AppError(403, "FORBIDDEN", `Needs role ${roles.join(" or ")}`);
  return user;
}
