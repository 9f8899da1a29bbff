import { randomUUID } from "node:crypto";
import type { Role } from "../../../domain/auth/auth.schema";
import type { Stage } from "../../../domain/contest/contest.schema";
import { type ReminderRule, RemindersConfigSchema } from "../../../domain/reminders/reminders.config";
import { vnWallClock } from "../../../domain/shared/time";
import type { Dialect } from "../../db/database";
import { createTestClock } from "../../shared/clock";
import { afterAll, afterEach, beforeAll } from "vitest";
import { FakeZalo } from "../../test/fake-zalo";
import { completeLessons, finishAttempt } from "../../test/seed";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { ReminderWorker, type WorkerHooks } from "./reminders.worker";

/** The real 2026 calendar (Vietnam time), so tests can speak of "08:00 on 07/06". */
export const STAGES: Stage[] = [
  { id: "stage1", name: "Giai đoạn 1 – Nâng cao năng lực", description: "", opensAt: vnWallClock(2026, 5, 28, 8).toISOString(), closesAt: vnWallClock(2026, 6, 10, 23, 59, 59).toISOString() },
  { id: "stage2", name: "Giai đoạn 2 – Chuyển đổi đột phá", description: "", opensAt: vnWallClock(2026, 6, 12).toISOString(), closesAt: vnWallClock(2026, 6, 20, 23, 59, 59).toISOString() },
  { id: "stage3", name: "Giai đoạn 3 – Vinh danh", description: "", opensAt: vnWallClock(2026, 6, 21).toISOString(), closesAt: vnWallClock(2026, 6, 25, 23, 59, 59).toISOString() },
];

export type RuleInput = Partial<ReminderRule> & Pick<ReminderRule, "id">;

export function rule(r: RuleInput): Record<string, unknown> {
  return { stage: "stage1", edge: "closes", audience: "unfinished", title: "Sắp hết hạn {stage}", body: "{name} {remaining}, hạn {deadline}.", path: "/learn", ...r };
}

export type ReminderTestApp = TestApp & {
  worker(opts?: { id?: string; hooks?: WorkerHooks }): ReminderWorker;
  person(name: string, opts?: PersonOpts): Promise<{ id: string; auth: { authorization: string }; zaloId: string | null }>;
  /** Complete the remaining lessons and the test. */
  finish(userId: string, lessonsDoneBefore: number): Promise<void>;
  /** Deliveries of a person, oldest first. */
  deliveries(userId?: string): Promise<{ id: string; userId: string; status: string; reason: string | null; attempts: number; lastError: string | null; providerMessageId: string | null; providerResponse: string | null; sendAfter: string; ruleId: string }[]>;
};

export type PersonOpts = {
  role?: Role;
  unitCode?: string;
  zaloId?: string | null;
  consent?: 0 | 1 | null;
  activeDaysAgo?: number;
  lessonsDone?: number;
  testDone?: boolean;
};

/** A test API on the 2026 calendar with the given rules, its Zalo channel pointed at the fake server. */
export async function setupReminders(
  dialect: Dialect,
  zalo: FakeZalo,
  opts: { at: Date; rules?: Record<string, unknown>[]; env?: Record<string, string> },
): Promise<ReminderTestApp> {
  const clock = createTestClock(opts.at);
  const t = await buildTestApp(dialect, {
    clock,
    env: {
      ZALO_OPENAPI_URL: zalo.url,
      ZALO_NOTIFICATION_API_KEY: zalo.apiKey,
      ZALO_NOTIFICATION_TEMPLATE_ID: "tpl-reminder",
      ZALO_APP_ID: zalo.miniAppId,
      // Generous: a loaded CI machine must not turn a slow answer into "unknown". The timeout test sets its own.
      REMINDERS_SEND_TIMEOUT_MS: "5000",
      ...opts.env,
    },
    pack: (p) => ({ ...p, stages: STAGES, reminders: RemindersConfigSchema.parse({ ...p.reminders, rules: opts.rules ?? [] }) }),
  });
  const db = t.app.ctx.db;
  const lessonIds = t.pack.lessons.map((l) => l.id);
  let n = 0;
  const progress = async (userId: string, from: number, to: number, testDone: boolean) => {
    // As the app records it: nothing is finished after Stage 1 closes (an attempt is due by then), so
    // a person set up later in the calendar finished by the close.
    const now = new Date(Math.min(clock.now().getTime(), Date.parse(STAGES[0]!.closesAt)));
    await completeLessons(t, userId, { at: now, lessonIds: lessonIds.slice(from, to) });
    if (testDone) await finishAttempt(t, userId, { score: 80, startedAt: now, finishedAt: now, dueAt: now });
  };
  return {
    ...t,
    worker: (o = {}) => new ReminderWorker(t.app.ctx, { id: o.id, hooks: o.hooks }),
    async person(name, o = {}) {
      const s = await t.signIn(name, o.role ?? "staff", o.unitCode ?? "10507");
      const zaloId = o.zaloId === undefined ? `zalo-${++n}-${randomUUID().slice(0, 6)}` : o.zaloId;
      const now = clock.now();
      await db
        .updateTable("users")
        .set({ zaloId, notificationsConsent: o.consent === undefined ? 1 : o.consent, lastActiveAt: new Date(now.getTime() - (o.activeDaysAgo ?? 0) * 86400_000).toISOString() })
        .where("id", "=", s.user.id)
        .execute();
      await progress(s.user.id, 0, o.lessonsDone ?? 0, o.testDone ?? false);
      return { id: s.user.id, auth: s.auth, zaloId };
    },
    finish: (userId, lessonsDoneBefore) => progress(userId, lessonsDoneBefore, lessonIds.length, true),
    async deliveries(userId) {
      return db
        .selectFrom("reminderDeliveries as d")
        .innerJoin("reminderOutbox as o", "o.id", "d.outboxId")
        .select(["d.id", "d.userId", "d.status", "d.reason", "d.attempts", "d.lastError", "d.providerMessageId", "d.providerResponse", "d.sendAfter", "o.ruleId"])
        .$if(userId !== undefined, (q) => q.where("d.userId", "=", userId as string))
        .orderBy("d.createdAt")
        .orderBy("o.ruleId")
        .execute();
    },
  };
}

/**
 * A reminders suite's fake Zalo: started once, and after each test the test's app is closed
 * (`closeApp`) and what Zalo received or was told to do is forgotten.
 */
export function fakeZaloForSuite(closeApp: () => Promise<void>): FakeZalo {
  const zalo = new FakeZalo();
  beforeAll(() => zalo.start().then(() => undefined));
  afterAll(() => zalo.stop());
  afterEach(async () => {
    await closeApp();
    zalo.notifications.length = 0;
    zalo.notificationBehaviour = [];
  });
  return zalo;
}
