import type { Db } from "../../db/database";

/** The operator view's reads: counts per rule, Zalo deliveries by status, occurrences, recent problems. */
export function overviewFacts(db: Db) {
  return Promise.all([
    db.selectFrom("reminderOutbox").select((eb) => ["ruleId", eb.fn.countAll<number>().as("n")]).groupBy("ruleId").execute(),
    db
      .selectFrom("reminderDeliveries as d")
      .innerJoin("reminderOutbox as o", "o.id", "d.outboxId")
      .select((eb) => ["o.ruleId", "d.status", "d.reason", eb.fn.countAll<number>().as("n")])
      .where("d.channel", "=", "zalo_mini_app")
      .groupBy(["o.ruleId", "d.status", "d.reason"])
      .execute(),
    db.selectFrom("reminderOccurrences").selectAll().execute(),
    db
      .selectFrom("reminderDeliveries as d")
      .innerJoin("reminderOutbox as o", "o.id", "d.outboxId")
      .innerJoin("users as u", "u.id", "d.userId")
      .select(["o.ruleId", "u.fullName", "d.status", "d.lastError", "d.updatedAt"])
      .where("d.lastError", "is not", null)
      .orderBy("d.updatedAt", "desc")
      .limit(10)
      .execute(),
  ] as const);
}
