import { randomUUID } from "node:crypto";
import type { Db } from "../db/database";

export type FixtureEntry = { entryId: string; entryCode: string; unitCode: string; title: string };

/**
 * TEST ONLY. One submitted entry per unit (with one PDF file), written straight into the entries
 * feature's tables the way a submit leaves them (entry → frozen version → files), plus a draft and a
 * withdrawn entry that must never reach the jury. Jury tests use it so they need no uploads.
 */
export async function insertSubmittedEntries(db: Db, roundId: "stage2" | "stage3", unitCodes: readonly string[]): Promise<FixtureEntry[]> {
  const out: FixtureEntry[] = [];
  const at = new Date().toISOString();
  const insert = async (unitCode: string, entryCode: string, status: "submitted" | "draft" | "withdrawn", title: string, summary: string) => {
    const entryId = randomUUID();
    const versionId = randomUUID();
    const file = { id: randomUUID(), name: `ban-an-danh-${entryCode}.pdf`, size: 1234, sha256: "0".repeat(64), mime: "application/pdf" };
    const fields = JSON.stringify({ title, summary });
    await db
      .insertInto("entries")
      .values({ id: entryId, roundId, unitCode, entryCode, status, version: 1, draftJson: JSON.stringify({ fields: { title, summary } }), updatedBy: null, submittedVersionId: status === "draft" ? null : versionId, submittedAt: status === "draft" ? null : at, deadlineOverride: null, createdAt: at, updatedAt: at })
      .execute();
    await db
      .insertInto("entryVersions")
      .values({ id: versionId, entryId, version: 1, fieldsJson: fields, representativeJson: JSON.stringify({ fullName: `Người đại diện ${unitCode}` }), filesJson: JSON.stringify([file]), submitted: status === "draft" ? 0 : 1, sha256: "1".repeat(64), createdBy: null, createdAt: at })
      .execute();
    await db.insertInto("entryFiles").values({ ...file, entryId, storageKey: `fixture/${file.id}`, blindStorageKey: null, uploadedBy: null, createdAt: at, removedAt: null }).execute();
    return entryId;
  };
  for (const [i, unitCode] of unitCodes.entries()) {
    const entryCode = `${roundId === "stage2" ? "B" : "C"}${String(i + 1).padStart(2, "0")}`;
    const title = `Trợ lý AI số ${i + 1} cho một thủ tục hành chính`;
    const entryId = await insert(unitCode, entryCode, "submitted", title, `Tóm tắt sản phẩm ${i + 1}: rút ngắn thời gian xử lý hồ sơ.`);
    out.push({ entryId, entryCode, unitCode, title });
  }
  await insert("X-DRAFT", "Z98", "draft", "Nháp", "Nháp");
  await insert("X-WD", "Z99", "withdrawn", "Rút", "Rút");
  return out;
}

/** The Stage-1 decision the jury builds on (written by the units feature in the real flow). */
export async function confirmStage1Qualifiers(db: Db, unitCodes: readonly string[], organizerId: string, now: Date): Promise<void> {
  await db
    .insertInto("qualifierConfirmations")
    .values({ id: "stage1-0001", stageId: "stage1", unitCodes: JSON.stringify(unitCodes), proposed: JSON.stringify({ communes: unitCodes, departments: [] }), changed: 0, reason: null, confirmedBy: organizerId, confirmedAt: now.toISOString() })
    .execute();
}
