import type { FastifyRequest } from "fastify";
import type { AppContext } from "../../app-context";
import { bearerOrLink } from "../../shared/download-link";
import type { UserRow } from "../auth";
import { verifyDownload } from "./entries-tokens";

/** Session, or a 5-minute link signed for this exact path (Zalo's downloader sends no header). */
export function downloader(ctx: AppContext, req: FastifyRequest, token: string | undefined): Promise<UserRow> {
  const path = req.url.split("?")[0] as string;
  return bearerOrLink(ctx, req, token, (t) => verifyDownload(ctx.env.SESSION_SECRET, t, path, ctx.clock.now()));
}
