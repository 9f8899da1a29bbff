import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../shared/app-error";
import { moveOverrides } from "./overrides.repository";

type Trx = Transaction<Database>;

/**
 * Merge of two accounts of one person (people feature): every attempt of `fromUserId` moves to
 * `toUserId`, numbered after the kept account's own, with its paper, answers, focus log and
 * overrides (those hang off the attempt id). Refused while either has an attempt in progress.
 * Participation follows through migration 0014's owner trigger. Returns how many moved.
 */
export async function mergeQuizAttempts(trx: Trx, fromUserId: string, toUserId: string): Promise<number> {
  const rows = await trx.selectFrom("quizAttempts").select(["id", "userId", "attemptNo", "status"]).where("userId", "in", [fromUserId, toUserId]).orderBy("startedAt").orderBy("id").execute();
  if (rows.some((r) => r.status === "active")) throw new AppError(409, "MERGE_NOT_ALLOWED", "An attempt is in progress; merge once it is over", { attempts: "Một tài khoản đang làm bài: chờ bài thi kết thúc rồi gộp." });
  const moving = rows.filter((r) => r.userId === fromUserId);
  let next = Math.max(0, ...rows.filter((r) => r.userId === toUserId).map((r) => r.attemptNo));
  for (const r of moving) await trx.updateTable("quizAttempts").set({ userId: toUserId, attemptNo: ++next }).where("id", "=", r.id).execute();
  await moveOverrides(trx, fromUserId, toUserId);
  return moving.length;
}
