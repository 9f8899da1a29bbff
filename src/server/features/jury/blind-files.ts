import type { JuryRound } from "../../../domain/jury/jury.schema";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import type { UserRow } from "../auth";
import { openBlindFile } from "../entries";
import { conflictedUnits, requireJudge } from "./judges.service";
import { roundEntries } from "./sheets.service";

type Ctx = Pick<AppContext, "db" | "pack" | "clock" | "files">;

/** The purpose in the MAC of the jury's signed links: they open jury files only. */
export const JURY_LINK = "jury";

/**
 * May this judge open this file? Appointed to the round (403), declared (409), the entry in the
 * round (404), not conflicted with its unit (403), the file one of the entry's own (404).
 */
export async function assertJudgeMayOpen(ctx: Ctx, user: UserRow, roundId: JuryRound, entryId: string, fileId: string): Promise<void> {
  const a = await requireJudge(ctx, user, roundId);
  if (!a.declaredAt) throw new AppError(409, "DECLARATION_REQUIRED", "Declare conflicts of interest first");
  const entry = (await roundEntries(ctx, roundId)).find((e) => e.entryId === entryId);
  if (!entry) throw new AppError(404, "NOT_FOUND", "No such entry in this round");
  if ((await conflictedUnits(ctx, roundId, user)).has(entry.unitCode)) throw new AppError(403, "FORBIDDEN", "You declared a conflict of interest with this entry");
  if (!entry.files.some((f) => f.id === fileId)) throw new AppError(404, "NOT_FOUND", "No such file in this entry");
}

/** The blind copy (made on first need by the entries feature), after the checks above. */
export async function openJudgeFile(ctx: Ctx, user: UserRow, roundId: JuryRound, entryId: string, fileId: string) {
  await assertJudgeMayOpen(ctx, user, roundId, entryId, fileId);
  return openBlindFile(ctx, entryId, fileId);
}
