import { createHash, randomBytes } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { entriesEndpoints as E } from "../../../domain/entries/entries.endpoints";
import { requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { route } from "../../shared/route";
import { issueSessionToken } from "../auth";
import { findUserById, userRowToUser } from "../auth";
import { confirmWaitingCode, unusedSignInCode } from "./desktop-sign-in.repository";

const CODE_TTL_MS = 5 * 60_000;
const hash = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * Office PCs hold the big files: a desktop browser shows a 6-digit code; the person types it in the
 * mini app (signed in through Zalo); the browser, polling with a secret only it knows, receives a
 * session once. No password; a code is good for 5 minutes and one sign-in.
 */
const desktopSignIn: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  route(app, E.desktopCode, async () => {
    const now = ctx.clock.now();
    const pollToken = randomBytes(24).toString("base64url");
    const code = await unusedSignInCode(ctx.db, now.toISOString());
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
    await ctx.db.insertInto("entrySignInCodes").values({ pollHash: hash(pollToken), code, userId: null, createdAt: now.toISOString(), expiresAt, confirmedAt: null, usedAt: null }).execute();
    return { code: `${code.slice(0, 3)} ${code.slice(3)}`, pollToken, expiresAt };
  });

  route(app, E.desktopConfirm, async (req) => {
    const user = requireUser(req);
    const now = ctx.clock.now().toISOString();
    const code = req.body.code.replace(/\s/g, "");
    if (!(await confirmWaitingCode(ctx.db, code, user.id, now))) throw new AppError(404, "NOT_FOUND", "No waiting code like this", { code: "Mã không đúng hoặc đã hết hạn. Vui lòng lấy mã mới trên máy tính." });
    return { confirmed: true };
  });

  route(app, E.desktopPoll, async (req) => {
    const now = ctx.clock.now().toISOString();
    const key = hash(req.params.pollToken);
    const row = await ctx.db.selectFrom("entrySignInCodes").selectAll().where("pollHash", "=", key).executeTakeFirst();
    if (!row || row.usedAt || (row.expiresAt <= now && !row.userId)) throw new AppError(410, "SESSION_EXPIRED", "This code expired or was used");
    if (!row.userId) return { status: "waiting" as const };
    const taken = await ctx.db.updateTable("entrySignInCodes").set({ usedAt: now }).where("pollHash", "=", key).where("usedAt", "is", null).executeTakeFirst();
    const user = await findUserById(ctx.db, row.userId);
    if (Number(taken.numUpdatedRows) !== 1 || !user) throw new AppError(410, "SESSION_EXPIRED", "This code was used");
    return { status: "confirmed" as const, session: { token: issueSessionToken(ctx.env.SESSION_SECRET, user.id, ctx.sessionClock.now(), user.sessionVersion), user: userRowToUser(user) } };
  });
};

export default desktopSignIn;
