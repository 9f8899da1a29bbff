import type { FastifyRequest } from "fastify";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import { findUserById } from "../auth";
import type { UserRow } from "../auth";
import { verifyDownload } from "./entries-tokens";

/** Session, or a 5-minute link signed for this exact path (Zalo's downloader sends no header). */
export async function downloader(ctx: AppContext, req: FastifyRequest, token: string | undefined): Promise<UserRow> {
  if (req.user) return req.user;
  const path = req.url.split("?")[0] as string;
  const userId = token ? verifyDownload(ctx.env.SESSION_SECRET, token, path, ctx.clock.now()) : null;
  const user = userId ? await findUserById(ctx.db, userId) : undefined;
  if (user) return user;
  throw new AppError(401, token ? "SESSION_EXPIRED" : "UNAUTHENTICATED", "Sign in or use a fresh download link");
}
