import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { AttachmentKind, EntryRound } from "../../../domain/entries/entries.config";
import type { UploadResponse } from "../../../domain/entries/entries.schema";
import { sanitiseFileName } from "../../../domain/entries/text-rules";
import { AppError } from "../../shared/app-error";
import { fileType } from "../../shared/heavy-libs";
import type { Ctx } from "./entries-access";
import { activeFiles, insertFile, touchEntry } from "./entries.repository";
import type { EntryRow } from "./entries.table";
import { fileView } from "./entries.service";
import { guardZip } from "../../shared/uploads/upload-guard";

/** What file-type reports → the round's kind, its MIME type and the extension the stored name gets. */
const KINDS: Record<string, { kind: AttachmentKind; mime: string }> = {
  pdf: { kind: "pdf", mime: "application/pdf" },
  docx: { kind: "docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  pptx: { kind: "pptx", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  xlsx: { kind: "xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  jpg: { kind: "jpeg", mime: "image/jpeg" },
  png: { kind: "png", mime: "image/png" },
  mp4: { kind: "mp4", mime: "video/mp4" },
};
export const extOfMime = (mime: string) => Object.entries(KINDS).find(([, v]) => v.mime === mime)?.[0] ?? "bin";
export const kindOfMime = (mime: string) => Object.values(KINDS).find((v) => v.mime === mime)?.kind;

// Ids sort in upload order (the form lists files as they were added, even within one millisecond).
let sequence = 0;
const fileId = () => `${Date.now().toString(36).padStart(9, "0")}${String(++sequence % 1e6).padStart(6, "0")}-${randomUUID()}`;

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** Counts and hashes the bytes as they pass, and stops the stream past the cap. */
function meter(cap: number) {
  const hash = createHash("sha256");
  let size = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > cap) return cb(new AppError(413, "FILE_TOO_LARGE", `File larger than ${cap} bytes`, { file: `Tệp vượt quá ${mb(cap)}.` }));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  return { t, result: () => ({ size, sha256: hash.digest("hex") }) };
}

/**
 * One attachment: spooled to a temp file while hashed and capped (never held whole in memory), its
 * type decided from its content, Office files checked for ZIP bombs, deduplicated by SHA-256 within
 * the entry, then written to the store and only then recorded in the database.
 */
export async function acceptUpload(ctx: Ctx, round: EntryRound, entry: EntryRow, userId: string, body: Readable, originalName: string, truncated: () => boolean): Promise<UploadResponse> {
  const rules = round.attachments;
  const before = await activeFiles(ctx.db, entry.id);
  if (before.length >= rules.maxCount) {
    body.resume();
    throw new AppError(409, "FILES_TOO_MANY", `At most ${rules.maxCount} files`, { file: `Tối đa ${rules.maxCount} tệp.` });
  }
  const dir = path.join(tmpdir(), "hvai-uploads");
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, randomUUID());
  try {
    const m = meter(rules.maxFileBytes);
    try {
      await pipeline(body, m.t, createWriteStream(tmp));
    } catch (err) {
      if (err instanceof AppError) throw err;
      const code = (err as { code?: string }).code;
      if (code === "FST_REQ_FILE_TOO_LARGE") throw new AppError(413, "FILE_TOO_LARGE", "File too large", { file: `Tệp vượt quá ${mb(rules.maxFileBytes)}.` });
      throw new AppError(400, "UPLOAD_INTERRUPTED", "The upload was interrupted");
    }
    if (truncated()) throw new AppError(413, "FILE_TOO_LARGE", "File too large", { file: `Tệp vượt quá ${mb(rules.maxFileBytes)}.` });
    const { size, sha256 } = m.result();
    if (size === 0) throw new AppError(400, "FILE_EMPTY", "Empty file", { file: "Tệp rỗng." });
    const detected = await (await fileType()).fileTypeFromFile(tmp);
    const type = detected ? KINDS[detected.ext] : undefined;
    if (!type || !rules.kinds.includes(type.kind))
      throw new AppError(415, "FILE_TYPE_NOT_ALLOWED", `Content is ${detected?.ext ?? "unknown"}`, { file: `Chỉ nhận: ${rules.kinds.join(", ").toUpperCase()}.` });
    if (type.kind === "docx" || type.kind === "pptx" || type.kind === "xlsx") {
      // The shared guard for every uploaded Office file (central directory: sizes, ratio, parts);
      // entries keep their own code (FILE_ZIP_BOMB) and show the guard's Vietnamese reason.
      await guardZip(tmp).catch((err: unknown) => {
        if (err instanceof AppError && err.code === "UPLOAD_TOO_COMPLEX") throw new AppError(422, "FILE_ZIP_BOMB", `Refused office file: ${err.message}`, err.fields);
        throw err;
      });
    }
    const same = before.find((f) => f.sha256 === sha256);
    if (same) return { file: fileView(same), deduplicated: true };
    const total = before.reduce((s, f) => s + f.size, 0) + size;
    if (total > rules.maxTotalBytes)
      throw new AppError(413, "FILES_TOTAL_TOO_LARGE", "Total size over the cap", { file: `Tổng dung lượng tối đa ${mb(rules.maxTotalBytes)}.` });

    const ext = detected?.ext === "jpg" ? ["jpg", "jpeg"] : [detected?.ext ?? "bin"];
    let name = sanitiseFileName(originalName, `tep-dinh-kem.${ext[0]}`);
    if (!ext.some((e) => name.toLowerCase().endsWith(`.${e}`))) name = `${name}.${ext[0]}`;
    const id = fileId();
    const storageKey = `entries/${round.id}/${entry.id}/${id}`;
    await ctx.files.put(storageKey, createReadStream(tmp), size, type.mime);
    const now = ctx.clock.now();
    const row = { id, entryId: entry.id, storageKey, name, size, sha256, mime: type.mime, uploadedBy: userId, createdAt: now.toISOString() };
    try {
      await insertFile(ctx.db, row);
    } catch (err) {
      await ctx.files.delete(storageKey).catch(() => undefined);
      throw err;
    }
    await touchEntry(ctx.db, entry.id, userId, now);
    return { file: fileView({ ...row, blindStorageKey: null, removedAt: null }), deduplicated: false };
  } finally {
    await rm(tmp, { force: true });
  }
}
