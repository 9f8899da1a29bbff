import type { Env } from "./config/env";
import type { ContestPack } from "./content/pack-loader";
import type { Db, Dialect } from "./db/database";
import type { UserRow } from "./features/auth/users.table";
import type { Clock } from "./shared/clock";
import type { FileStore } from "./shared/files/file-store";

/** Called after a user's phone was verified through Zalo (e.g. roster matching). May update the row. */
export type PhoneVerifiedHook = (db: Db, user: UserRow, now: Date) => Promise<void>;

/** Everything a route needs, decorated once on the Fastify instance as `app.ctx`. */
export type AppContext = {
  env: Env;
  db: Db;
  dialect: Dialect;
  pack: ContestPack;
  clock: Clock;
  hooks: { phoneVerified: PhoneVerifiedHook[] };
  /** Uploaded files (entries): local disk or S3-compatible. */
  files: FileStore;
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
