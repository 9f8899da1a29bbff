import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  DevSignInRequestSchema,
  GrantRoleRequestSchema,
  MeResponseSchema,
  OkResponseSchema,
  PhoneRequestSchema,
  SessionResponseSchema,
  SignOutRequestSchema,
  UpdateMeRequestSchema,
  ZaloSignInRequestSchema,
} from "../../../domain/auth/auth.schema";
import { idParam } from "../../../domain/shared/text";
import { requireRole, requireUser } from "../../plugins/auth";
import { AppError } from "../../shared/app-error";
import { errorResponses } from "../../shared/error-responses";
import { grantRole, revokeUserSessions, signInDev, signInWithZalo, signOut, updateMe, verifyPhone } from "./auth.service";
import { userRowToUser } from "./users.repository";

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/auth/zalo",
    { schema: { tags: ["auth"], summary: "Sign in with a Zalo access token (verified with Zalo's Graph API)", body: ZaloSignInRequestSchema, response: { 200: SessionResponseSchema, ...errorResponses } } },
    async (req) => signInWithZalo(app.ctx, req.body.accessToken),
  );

  app.post(
    "/api/auth/phone",
    { schema: { tags: ["auth"], summary: "Verify the phone number with a getPhoneNumber() token", security: [{ bearer: [] }], body: PhoneRequestSchema, response: { 200: MeResponseSchema, ...errorResponses } } },
    async (req) => ({ user: await verifyPhone(app.ctx, requireUser(req), req.body.phoneToken, req.body.accessToken) }),
  );

  app.post(
    "/api/auth/dev",
    // Not listed in /docs when the demo sign-in is off.
    { schema: { hide: !app.ctx.env.AUTH_DEV, tags: ["auth"], summary: "Demo sign-in without Zalo (only when AUTH_DEV is on)", body: DevSignInRequestSchema, response: { 200: SessionResponseSchema, ...errorResponses } } },
    async (req) => {
      if (!app.ctx.env.AUTH_DEV) throw new AppError(404, "DEV_AUTH_DISABLED", "Route POST /api/auth/dev not found");
      return signInDev(app.ctx, req.body);
    },
  );

  app.get(
    "/api/me",
    { schema: { tags: ["auth"], summary: "The signed-in user", security: [{ bearer: [] }], response: { 200: MeResponseSchema, ...errorResponses } } },
    async (req) => ({ user: userRowToUser(requireUser(req)) }),
  );

  app.patch(
    "/api/me",
    { schema: { tags: ["auth"], summary: "Update my profile (name, unit, sub-unit, position, notification consent)", security: [{ bearer: [] }], body: UpdateMeRequestSchema, response: { 200: MeResponseSchema, ...errorResponses } } },
    async (req) => ({ user: await updateMe(app.ctx, requireUser(req), req.body) }),
  );

  app.put(
    "/api/users/:id/role",
    { schema: { tags: ["auth"], summary: "Grant a role (organisers only)", security: [{ bearer: [] }], params: z.object({ id: idParam }), body: GrantRoleRequestSchema, response: { 200: MeResponseSchema, ...errorResponses } } },
    async (req) => {
      requireRole(req, "organizer");
      return { user: await grantRole(app.ctx, req.params.id, req.body) };
    },
  );

  app.post(
    "/api/auth/sign-out",
    { schema: { tags: ["auth"], summary: "Sign out this device, or every device (everywhere: true)", security: [{ bearer: [] }], body: SignOutRequestSchema.optional(), response: { 200: OkResponseSchema, ...errorResponses } } },
    async (req) => {
      const user = requireUser(req);
      await signOut(app.ctx, user, req.session!, req.body?.everywhere ?? false);
      return { ok: true as const };
    },
  );

  app.post(
    "/api/users/:id/sessions/revoke",
    { schema: { tags: ["auth"], summary: "End every session of a person (organisers only)", security: [{ bearer: [] }], params: z.object({ id: idParam }), response: { 200: OkResponseSchema, ...errorResponses } } },
    async (req) => {
      requireRole(req, "organizer");
      await revokeUserSessions(app.ctx, req.params.id);
      return { ok: true as const };
    },
  );
};

export default authRoutes;
