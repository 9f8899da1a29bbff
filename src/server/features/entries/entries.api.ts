import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { EntryFile } from "../../../domain/entries/entries.schema";
import type { AppContext } from "../../app-context";
import type { Db } from "../../db/database";
import { AppError } from "../../shared/app-error";
import { blindCopy } from "./blind-copy";
import { findEntryById, parseDraft } from "./entries.repository";
import { extOfMime, kindOfMime } from "./entry-uploads";

/**
 * What other features (the jury) may use of entries. Everything else in this folder is private.
 */
export type SubmittedEntry = {
  entryId: string;
  entryCode: string;
  unitCode: string;
  title: string;
  summary: string;
  fields: Record<string, string>;
  files: { id: string; name: string; size: number; sha256: string; mime: string }[];
  /** The unit's separate, optional consent (entry form) to show the entry in the public gallery. Nothing else of the representative leaves this feature. */
  publishConsent: boolean;
};

/** Every submitted entry of a round, as frozen at submission (the last submitted version counts). */
export async function listSubmittedEntries(db: Db, roundId: string): Promise<SubmittedEntry[]> {
  const rows = await db
    .selectFrom("entries as e")
    .innerJoin("entryVersions as v", "v.id", "e.submittedVersionId")
    .select(["e.id", "e.entryCode", "e.unitCode", "v.fieldsJson", "v.filesJson", "v.representativeJson"])
    .where("e.roundId", "=", roundId)
    .where("e.status", "=", "submitted")
    .orderBy("e.entryCode")
    .execute();
  return rows.map((r) => {
    const fields = parseDraft(JSON.stringify({ fields: JSON.parse(r.fieldsJson) as unknown })).fields;
    const files = (JSON.parse(r.filesJson) as EntryFile[]).map(({ id, name, size, sha256, mime }) => ({ id, name, size, sha256, mime }));
    const publishConsent = (JSON.parse(r.representativeJson) as { publishConsent?: unknown }).publishConsent === true;
    return { entryId: r.id, entryCode: r.entryCode as string, unitCode: r.unitCode, title: fields.title ?? "", summary: fields.summary ?? "", fields, files, publishConsent };
  });
}

/** The name a judge sees: the entry code and the file's position, never the unit. */
export const blindName = (entryCode: string, index: number, mime: string) => `${entryCode}-tep-${String(index + 1).padStart(2, "0")}.${extOfMime(mime)}`;

/**
 * A submitted file's blind copy (identifying metadata removed), made on first need and kept in the
 * store beside the original. The entry code replaces the unit in the name.
 */
export async function openBlindFile(ctx: Pick<AppContext, "db" | "files">, entryId: string, fileId: string): Promise<{ stream: Readable; name: string; mime: string; size: number }> {
  const entry = await findEntryById(ctx.db, entryId);
  const submitted = entry?.status === "submitted" ? (await listSubmittedEntries(ctx.db, entry.roundId)).find((e) => e.entryId === entryId) : undefined;
  const index = submitted?.files.findIndex((f) => f.id === fileId) ?? -1;
  const row = index >= 0 ? await ctx.db.selectFrom("entryFiles").selectAll().where("id", "=", fileId).where("entryId", "=", entryId).executeTakeFirst() : undefined;
  if (!entry || !submitted || !row) throw new AppError(404, "NOT_FOUND", "No such submitted file");
  let key = row.blindStorageKey;
  let size: number;
  if (!key) {
    key = `${row.storageKey}.blind`;
    size = await makeBlind(ctx, row.storageKey, key, row.mime);
    await ctx.db.updateTable("entryFiles").set({ blindStorageKey: key }).where("id", "=", row.id).execute();
  } else size = -1;
  const stream = await ctx.files.get(key);
  if (size < 0) size = await sizeOf(ctx, key);
  return { stream, name: blindName(submitted.entryCode, index, row.mime), mime: row.mime, size };
}

async function sizeOf(ctx: Pick<AppContext, "files">, key: string): Promise<number> {
  for await (const o of ctx.files.list(key)) if (o.key === key) return o.size;
  return 0;
}

async function makeBlind(ctx: Pick<AppContext, "files">, from: string, to: string, mime: string): Promise<number> {
  const dir = path.join(tmpdir(), "hvai-blind");
  await mkdir(dir, { recursive: true });
  const src = path.join(dir, randomUUID());
  const out = `${src}.out`;
  try {
    await pipeline(await ctx.files.get(from), createWriteStream(src));
    await blindCopy(kindOfMime(mime) ?? "mp4", src, out);
    const size = (await stat(out)).size;
    await ctx.files.put(to, createReadStream(out), size, mime);
    return size;
  } finally {
    await rm(src, { force: true });
    await rm(out, { force: true });
  }
}
