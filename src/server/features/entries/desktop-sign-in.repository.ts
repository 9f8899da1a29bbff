import { randomInt } from "node:crypto";
import type { Db } from "../../db/database";

/** Whether a desktop is still waiting with this code (a new code must not be one of them). */
export async function codeIsWaiting(db: Db, code: string, now: string): Promise<boolean> {
  const row = await db.selectFrom("entrySignInCodes").select("pollHash").where("code", "=", code).where("userId", "is", null).where("expiresAt", ">", now).executeTakeFirst();
  return row !== undefined;
}

/**
 * Confirm the one desktop waiting with this code as `userId`. Two waiting with the same code (a
 * clash, or someone who made codes by the thousand) → none is confirmed: typing a code must never
 * sign in a browser the person cannot see.
 */
export async function confirmWaitingCode(db: Db, code: string, userId: string, now: string): Promise<boolean> {
  const waiting = await db.selectFrom("entrySignInCodes").select("pollHash").where("code", "=", code).where("userId", "is", null).where("expiresAt", ">", now).limit(2).execute();
  if (waiting.length !== 1) return false;
  const res = await db.updateTable("entrySignInCodes").set({ userId, confirmedAt: now }).where("pollHash", "=", waiting[0]!.pollHash).where("userId", "is", null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

const ATTEMPTS = 20;
const sixDigits = () => String(randomInt(0, 1_000_000)).padStart(6, "0");

/** A 6-digit code no other desktop is waiting with (a million codes; a handful wait at any time). */
export async function unusedSignInCode(db: Db, now: string): Promise<string> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const code = sixDigits();
    if (!(await codeIsWaiting(db, code, now))) return code;
  }
  // Twenty clashes in a row: the code space is flooded; confirmWaitingCode still refuses a clash.
  return sixDigits();
}
