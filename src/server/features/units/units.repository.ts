import { boardOfKind, type Unit } from "../../../domain/units/unit.schema";
import type { Db } from "../../db/database";

/** Mirror the pack's units into the database (insert new, update names; never delete — users point at them). */
export async function syncUnits(db: Db, units: readonly Unit[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const u of units) {
      await trx
        .insertInto("units")
        .values({ code: u.code, kind: u.kind, board: boardOfKind(u.kind), name: u.name, fullName: u.fullName })
        .onConflict((oc) => oc.column("code").doUpdateSet({ kind: u.kind, board: boardOfKind(u.kind), name: u.name, fullName: u.fullName }))
        .execute();
    }
  });
}
