import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertKey, FileMissingError, type FileStore, type StoredObject } from "./file-store";

/** Files under one folder (./data/files by default); writes go to a temp name and are renamed, so a file is whole or absent. */
export function localFileStore(root: string): FileStore {
  const dir = path.resolve(root);
  const full = (key: string) => {
    assertKey(key);
    return path.join(dir, ...key.split("/"));
  };
  return {
    kind: "local",
    async put(key, body: Readable, size) {
      const target = full(key);
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${randomUUID()}.part`;
      try {
        await pipeline(body, createWriteStream(tmp, { flush: true }));
        const written = (await stat(tmp)).size;
        if (written !== size) throw new Error(`Stored ${written} bytes of ${size} for ${key}`);
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
    async get(key) {
      const file = full(key);
      try {
        await stat(file);
      } catch {
        throw new FileMissingError(key);
      }
      return createReadStream(file);
    },
    async delete(key) {
      await rm(full(key), { force: true });
    },
    async *list(prefix): AsyncIterable<StoredObject> {
      const start = path.join(dir, ...prefix.split("/").filter(Boolean));
      async function* walk(folder: string): AsyncIterable<StoredObject> {
        let names: import("node:fs").Dirent[];
        try {
          names = await readdir(folder, { withFileTypes: true });
        } catch {
          return;
        }
        for (const d of names) {
          const p = path.join(folder, d.name);
          if (d.isDirectory()) yield* walk(p);
          else if (d.isFile() && !d.name.endsWith(".part")) {
            const s = await stat(p);
            yield { key: path.relative(dir, p).split(path.sep).join("/"), size: s.size, lastModified: s.mtime };
          }
        }
      }
      yield* walk(start);
    },
  };
}
