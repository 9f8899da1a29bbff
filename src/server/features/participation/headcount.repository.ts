import type { Db } from "../../db/database";

/** Every official headcount an organiser set, by unit (a few hundred rows at most). */
export async function allHeadcounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom("unitHeadcounts").select(["unitCode", "headcount"]).execute();
  return new Map(rows.map((r) => [r.unitCode, Number(r.headcount)]));
}

export async function headcountOf(db: Db, unitCode: string): Promise<number | null> {
  const row = await db.selectFrom("unitHeadcounts").select("headcount").where("unitCode", "=", unitCode).executeTakeFirst();
  return row ? Number(row.headcount) : null;
}

/** Set (or, with null, clear) a unit's official headcount. */
export async function writeHeadcount(db: Db, unitCode: string, headcount: number | null, by: { setBy: string; setAt: string; reason: string }): Promise<void> {
  if (headcount === null) {
    await db.deleteFrom("unitHeadcounts").where("unitCode", "=", unitCode).execute();
    return;
  }
  await db
    .insertInto("unitHeadcounts")
    .values({ unitCode, headcount, ...by })
    .onConflict((oc) => oc.column("unitCode").doUpdateSet({ headcount, ...by }))
    .execute();
}
