import { z } from "zod";
import { RoleSchema } from "../auth/auth.schema";
import { idParam, text, unitCode } from "../shared/text";
import { PersonTestSchema, reasonSchema } from "../quiz/overrides.schema";

/** Organisers' people console: search, a person's page, roles, and merging two accounts of one person. */
const id = z.string().min(1).max(64);
const iso = z.iso.datetime();

export const PeopleSearchQuerySchema = z.object({
  /** A name (any part, accents as typed) or a phone number (its first digits). */
  q: text({ max: 100 }).optional(),
  unitCode: unitCode.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type PeopleSearchQuery = z.infer<typeof PeopleSearchQuerySchema>;

export const PersonListItemSchema = z.object({
  id,
  fullName: z.string().nullable(),
  zaloName: z.string().nullable(),
  phone: z.string().nullable(),
  role: RoleSchema,
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  mergedInto: id.nullable(),
});
export type PersonListItem = z.infer<typeof PersonListItemSchema>;
export const PeopleSearchResponseSchema = z.object({ people: z.array(PersonListItemSchema), more: z.boolean() });
export type PeopleSearchResponse = z.infer<typeof PeopleSearchResponseSchema>;

export const PersonParamsSchema = z.object({ id: idParam });

export const PersonDetailSchema = z.object({
  person: PersonListItemSchema.extend({
    subUnit: z.string().nullable(),
    position: z.string().nullable(),
    phoneVerifiedAt: iso.nullable(),
    createdAt: iso,
  }),
  progress: z.object({ lessonsDone: z.number().int(), lessonsTotal: z.number().int(), testDone: z.boolean(), countedScore: z.number().nullable() }),
  test: PersonTestSchema,
  roster: z.object({ unitCode: z.string(), unitName: z.string().nullable(), fullName: z.string() }).nullable(),
  /** Sessions are signed tokens (nothing stored per device): when the account was last active, and how it signs in. */
  sessions: z.object({ lastActiveAt: iso, signIn: z.enum(["zalo", "demo"]) }),
  /** Accounts merged into this one. */
  mergedFrom: z.array(id),
});
export type PersonDetail = z.infer<typeof PersonDetailSchema>;

/** Grant a role (revoke = grant "staff"). A unit lead needs a unit. */
export const SetRoleRequestSchema = z.object({ role: RoleSchema, unitCode: unitCode.optional(), reason: reasonSchema });
export type SetRoleRequest = z.infer<typeof SetRoleRequestSchema>;

export const MergeRequestSchema = z.object({ keepId: idParam, mergeId: idParam, reason: reasonSchema });
export type MergeRequest = z.infer<typeof MergeRequestSchema>;
export const MergeResponseSchema = z.object({
  person: PersonDetailSchema,
  moved: z.object({ attempts: z.number().int(), lessons: z.number().int(), roster: z.boolean(), inbox: z.number().int(), claims: z.number().int() }),
});
export type MergeResponse = z.infer<typeof MergeResponseSchema>;
