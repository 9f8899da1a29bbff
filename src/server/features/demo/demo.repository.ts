import type { Db } from "../../db/database";

export async function readSetting(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom("demoSettings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value ?? null;
}

export async function writeSetting(db: Db, key: string, value: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto("demoSettings")
    .values({ key, value, updatedAt: at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updatedAt: at }))
    .execute();
}
