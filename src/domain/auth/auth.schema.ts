import { z } from "zod";
import { text, token, unitCode } from "../shared/text";

export const ROLES = ["staff", "unit_lead", "organizer", "judge"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z.object({
  id: z.string(),
  fullName: z.string().nullable(),
  zaloName: z.string().nullable(),
  phone: z.string().nullable(),
  role: RoleSchema,
  unitCode: z.string().nullable(),
  subUnit: z.string().nullable(),
  position: z.string().nullable(),
  /** True once name and unit are set: the app shows onboarding until then. */
  onboarded: z.boolean(),
  notificationsConsent: z.boolean().nullable(),
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof UserSchema>;

export const SessionResponseSchema = z.object({ token: z.string(), user: UserSchema });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const MeResponseSchema = z.object({ user: UserSchema });
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const ZaloSignInRequestSchema = z.object({ accessToken: token(4096, 10) });
/** accessToken: the user's current Zalo token (Zalo needs it beside the phone token); with AUTH_DEV, phoneToken "dev:0912345678" sets a number directly. */
export const PhoneRequestSchema = z.object({ phoneToken: token(4096, 4), accessToken: token(4096, 10).optional() });

const name = text({ min: 2, max: 100, minMessage: "Họ tên cần ít nhất 2 ký tự", maxMessage: "Họ tên tối đa 100 ký tự" });

export const DevSignInRequestSchema = z.object({
  name,
  role: RoleSchema.optional(),
  unitCode: unitCode.optional(),
});
export type DevSignInRequest = z.infer<typeof DevSignInRequestSchema>;

export const UpdateMeRequestSchema = z
  .object({
    fullName: name,
    unitCode,
    subUnit: text({ max: 120 }).nullable(),
    position: text({ max: 120 }).nullable(),
    notificationsConsent: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Không có gì để cập nhật");
export type UpdateMeRequest = z.infer<typeof UpdateMeRequestSchema>;

/** Sign out this device (default) or every device of mine. */
export const SignOutRequestSchema = z.object({ everywhere: z.boolean().default(false) });
export type SignOutRequest = z.infer<typeof SignOutRequestSchema>;
export const OkResponseSchema = z.object({ ok: z.literal(true) });
