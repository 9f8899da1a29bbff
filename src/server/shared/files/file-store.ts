import type { Readable } from "node:stream";

export type StoredObject = { key: string; size: number; lastModified: Date };

/**
 * Where uploaded files live: local disk by default, any S3-compatible store for several replicas.
 * Keys are "/"-separated relative paths. Bodies always stream; nothing holds a whole file in memory.
 * The caller writes the object first and the database row after, so a crash leaves at worst an
 * orphan object (swept later), never a row pointing at nothing.
 */
export interface FileStore {
  readonly kind: "local" | "s3";
  /** Store a body of known size (the upload was spooled and checked first). Replaces any object at key. */
  put(key: string, body: Readable, size: number, contentType?: string): Promise<void>;
  /** Stream an object; rejects with code "ENOENT" when missing. */
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  list(prefix: string): AsyncIterable<StoredObject>;
}

export class FileMissingError extends Error {
  readonly code = "ENOENT";
  constructor(key: string) {
    super(`No stored file ${key}`);
    this.name = "FileMissingError";
  }
}

export function assertKey(key: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,300}$/.test(key) || key.includes("..") || key.includes("//"))
    throw new Error(`Unsafe storage key ${JSON.stringify(key)}`);
}
