import type { FastifyRequest } from "fastify";
import type { DownloadLinkResponse } from "../../domain/ranking/ranking.schema";
import type { AppContext } from "../app-context";
import { findUserById, type UserRow } from "../features/auth";
import { AppError } from "./app-error";
import { issueDownloadToken, verifyDownloadToken } from "./download-token";
import { verifySignedLink } from "./signed-link";

type Ctx = Pick<AppContext, "db" | "clock" | "env">;

/**
 * Who is downloading: the bearer session, else the user a short-lived link for this exact path was
 * issued to (Zalo's downloader cannot send the bearer header). The caller still checks the user's rights.
 */
export async function bearerOrLink(ctx: Ctx, req: FastifyRequest, token: string | undefined, userIdOf: (token: string) => string | null): Promise<UserRow> {
  if (req.user) return req.user;
  const userId = token ? userIdOf(token) : null;
  const user = userId ? await findUserById(ctx.db, userId) : undefined;
  // An erased account opens nothing, as its bearer session does not (plugins/auth).
  if (user && !user.deletedAt) return user;
  if (token) throw new AppError(401, "SESSION_EXPIRED", "The download link is not valid or has expired");
  throw new AppError(401, "UNAUTHENTICATED", "Sign in first");
}

/** For files behind a feature's signed links (`purpose` in the MAC: one feature's link opens only its files). */
export function signedLinkUser(ctx: Ctx, req: FastifyRequest, purpose: string, path: string, token: string | undefined): Promise<UserRow> {
  return bearerOrLink(ctx, req, token, (t) => verifySignedLink(ctx.env.SESSION_SECRET, purpose, t, path, ctx.clock.now()));
}

/** For files behind download tokens (the official reports). */
export function downloadTokenUser(ctx: Ctx, req: FastifyRequest, path: string, token: string | undefined): Promise<UserRow> {
  return bearerOrLink(ctx, req, token, (t) => verifyDownloadToken(ctx.env.SESSION_SECRET, t, path, ctx.clock.now()));
}

/** A download token's link to this path, for `downloadTokenUser` to accept. */
export function downloadTokenLink(ctx: Ctx, user: UserRow, path: string): DownloadLinkResponse {
  const { token, expiresAt } = issueDownloadToken(ctx.env.SESSION_SECRET, user.id, path, ctx.clock.now());
  return { url: `${path}?token=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() };
}
