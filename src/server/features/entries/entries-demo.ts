import type { EntryRound } from "../../../domain/entries/entries.config";
import { AppError } from "../../shared/app-error";
import { canManageUnit } from "../../shared/unit-authz";
import type { UserRow } from "../auth";
import { recordAudit } from "../../shared/audit";
import type { Ctx } from "./entries-access";
import { eligibleUnitCodes } from "./entries.repository";

/**
 * Demo only (AUTH_DEV): let a newcomer's unit into a round with one tap, so `npm start` can play a
 * qualified unit's lead while Stage 1 is still open. Adds a qualifier confirmation (latest wins),
 * audited; refused outside the demo sign-in mode.
 */
export async function demoQualify(ctx: Ctx, user: UserRow, round: EntryRound): Promise<string[]> {
  if (!ctx.env.AUTH_DEV) throw new AppError(403, "FORBIDDEN", "Demo only");
  if (!user.unitCode || !canManageUnit(user, user.unitCode)) throw new AppError(403, "FORBIDDEN", "A unit lead or organiser with a unit");
  const stage = round.eligible.fromStage;
  const codes = await eligibleUnitCodes(ctx.db, stage);
  if (codes.includes(user.unitCode)) return codes;
  const next = [...codes, user.unitCode];
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("qualifierConfirmations")
      .values({ id: `${stage}-demo-${now.getTime()}-${user.unitCode}`, stageId: stage, unitCodes: JSON.stringify(next), proposed: "{}", changed: 1, reason: "Bản trình diễn: mở vòng nộp sản phẩm cho đơn vị", confirmedBy: user.id, confirmedAt: now.toISOString() })
      .execute();
    await recordAudit(trx, { actorId: user.id, action: "entries.demo.qualify", subject: `${round.id}/${user.unitCode}`, details: { stage, unitCodes: next } }, now);
  });
  return next;
}
