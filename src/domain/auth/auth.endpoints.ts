import { z } from "zod";
import { defineEndpoint } from "../shared/endpoint";
import { idParam } from "../shared/text";
import {
  DevSignInRequestSchema,
  MeResponseSchema,
  OkResponseSchema,
  PhoneRequestSchema,
  SessionResponseSchema,
  SignOutRequestSchema,
  UpdateMeRequestSchema,
  ZaloSignInRequestSchema,
} from "./auth.schema";

const tags = ["auth"];

/** Params of POST /api/users/:id/sessions/revoke. */
export const UserIdParamsSchema = z.object({ id: idParam });

export const authEndpoints = {
  signInWithZalo: defineEndpoint({
    method: "POST",
    path: "/api/auth/zalo",
    tags,
    summary: "Sign in with a Zalo access token (verified with Zalo's Graph API)",
    auth: "none",
    body: ZaloSignInRequestSchema,
    responses: { 200: SessionResponseSchema },
  }),
  verifyPhone: defineEndpoint({
    method: "POST",
    path: "/api/auth/phone",
    tags,
    summary: "Verify the phone number with a getPhoneNumber() token",
    auth: "bearer",
    body: PhoneRequestSchema,
    responses: { 200: MeResponseSchema },
  }),
  signInDev: defineEndpoint({
    method: "POST",
    path: "/api/auth/dev",
    tags,
    summary: "Demo sign-in without Zalo (only when AUTH_DEV is on)",
    auth: "none",
    body: DevSignInRequestSchema,
    responses: { 200: SessionResponseSchema },
  }),
  me: defineEndpoint({
    method: "GET",
    path: "/api/me",
    tags,
    summary: "The signed-in user",
    auth: "bearer",
    responses: { 200: MeResponseSchema },
  }),
  updateMe: defineEndpoint({
    method: "PATCH",
    path: "/api/me",
    tags,
    summary: "Update my profile (name, unit, sub-unit, position, notification consent)",
    auth: "bearer",
    body: UpdateMeRequestSchema,
    responses: { 200: MeResponseSchema },
  }),
  signOut: defineEndpoint({
    method: "POST",
    path: "/api/auth/sign-out",
    tags,
    summary: "Sign out this device, or every device (everywhere: true)",
    auth: "bearer",
    // No body signs out this device only.
    body: SignOutRequestSchema.optional(),
    responses: { 200: OkResponseSchema },
  }),
  revokeSessions: defineEndpoint({
    method: "POST",
    path: "/api/users/:id/sessions/revoke",
    tags,
    summary: "End every session of a person (organisers only)",
    auth: "bearer",
    params: UserIdParamsSchema,
    responses: { 200: OkResponseSchema },
  }),
};
