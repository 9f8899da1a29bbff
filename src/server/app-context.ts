import type { Env } from "./config/env";
import type { ContestPack } from "./content/pack-loader";
import type { Db, Dialect } from "./db/database";
import type { GroupCommitCache } from "./db/group-commit";
import type { UserRow } from "./features/auth";
import type { ParticipationCache } from "./features/participation";
import type { QuizCache } from "./features/quiz";
import type { RankingCache } from "./features/ranking";
import type { StagesCache } from "./features/stages";
import type { Clock } from "./shared/clock";
import type { FileStore } from "./shared/files/file-store";

/** What a hook may use: the database and the per-app caches (never the request). */
export type HookContext = Pick<AppContext, "db" | "dialect" | "clock" | "caches">;

/** Called after a user's phone was verified through Zalo (e.g. roster matching). May update the row. */
export type PhoneVerifiedHook = (ctx: HookContext, user: UserRow, now: Date) => Promise<void>;
/** Called after a person changed their own profile (PATCH /api/me), with the updated row. */
export type ProfileUpdatedHook = (ctx: HookContext, user: UserRow, now: Date) => Promise<void>;

/**
 * Called after an organiser's confirmation of the units going on from `stageId` was committed
 * (stages). Entries sends that round's invitations at once. Also gets env and pack (links, rounds).
 */
export type QualifiersConfirmedHook = (ctx: HookContext & Pick<AppContext, "env" | "pack" | "files">, stageId: string, now: Date) => Promise<void>;

/** Cross-feature hooks, fixed when the app is built (app.ts lists every one); features fire them, others never push into them. */
export type AppHooks = {
  readonly phoneVerified: readonly PhoneVerifiedHook[];
  readonly profileUpdated: readonly ProfileUpdatedHook[];
  readonly qualifiersConfirmed: readonly QualifiersConfirmedHook[];
};

/** Everything a route needs, decorated once on the Fastify instance as `app.ctx`. */
export type AppContext = {
  env: Env;
  db: Db;
  dialect: Dialect;
  /** Resolves once every commit made before the call is on disk; await it before acknowledging a write (db/database.ts). */
  durable: () => Promise<void>;
  pack: ContestPack;
  clock: Clock;
  /**
   * Wall-clock time for session tokens. It is `clock` except in the demo, whose contest clock can jump
   * weeks ahead: a session's lifetime is real time, or every move of the demo clock would sign everyone out.
   */
  sessionClock: Clock;
  hooks: AppHooks;
  /** Per-app caches (one app, one database): nothing is kept in module-level state. */
  caches: AppCaches;
  /** Uploaded files (entries): local disk or S3-compatible. */
  files: FileStore;
};

export type AppCaches = {
  participation: ParticipationCache;
  ranking: RankingCache;
  stages: StagesCache;
  quiz: QuizCache;
  /** The group committer shared by answer saves and lesson progress reports. */
  groupCommit: GroupCommitCache;
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
