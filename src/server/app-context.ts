import type { Env } from "./config/env";
import type { ContestPack } from "./content/pack-loader";
import type { Db, Dialect } from "./db/database";
import type { UserRow } from "./features/auth/users.table";
import type { Clock } from "./shared/clock";

/** Called after a user's phone was verified through Zalo (e.g. roster matching). May update the row. */
export type PhoneVerifiedHook = (db: Db, user: UserRow, now: Date) => Promise<void>;
/** Called after a person changed their own profile (PATCH /api/me), with the updated row. */
export type ProfileUpdatedHook = (db: Db, user: UserRow, now: Date) => Promise<void>;

/** Everything a route needs, decorated once on the Fastify instance as `app.ctx`. */
export type AppContext = {
  env: Env;
  db: Db;
  dialect: Dialect;
  pack: ContestPack;
  clock: Clock;
  hooks: { phoneVerified: PhoneVerifiedHook[]; profileUpdated: ProfileUpdatedHook[] };
};

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    /** The signed-in user, or null. Set by the auth plugin. */
    user: UserRow | null;
  }
}
