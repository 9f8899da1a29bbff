import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type { Role } from "../../../domain/auth/auth.schema";

export interface UsersTable {
  id: string;
  zaloId: string | null;
  zaloName: string | null;
  fullName: string | null;
  /** Normalised 0xxxxxxxxx, only ever set from a Zalo-verified phone token. */
  phone: string | null;
  phoneVerifiedAt: string | null;
  role: Role;
  /** The unit a unit_lead role was granted for; the role means nothing anywhere else. */
  roleUnitCode: string | null;
  /** Sessions carry this number; bumping it signs the person out everywhere. */
  sessionVersion: Generated<number>;
  unitCode: string | null;
  subUnit: string | null;
  position: string | null;
  /** 1 accepted, 0 refused, null never asked. */
  notificationsConsent: number | null;
  lastActiveAt: string;
  /** Set when the person was anonymised (privacy feature): the account can no longer sign in. */
  deletedAt: string | null;
  /** Set when an organiser merged this account into another (migration 0014): sessions resolve to that one. */
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
}
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
