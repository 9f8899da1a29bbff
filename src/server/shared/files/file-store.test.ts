import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type TestS3 } from "../../test/s3-server";
import type { FileStore } from "./file-store";
import { localFileStore } from "./local-file-store";
import { s3FileStore } from "./s3-file-store";

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A body produced chunk by chunk, never one buffer: the store must stream it. */
function chunked(total: number, seed: Buffer): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const n = Math.min(64 * 1024, total - sent);
      const chunk = Buffer.alloc(n);
      for (let i = 0; i < n; i++) chunk[i] = seed[(sent + i) % seed.length] as number;
      sent += n;
      this.push(chunk);
    },
  });
}

let s3: TestS3;
let dir: string;
beforeAll(async () => {
  s3 = await startS3Server();
  dir = mkdtempSync(path.join(tmpdir(), "hvai-files-"));
});
afterAll(async () => {
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const stores: [string, () => FileStore][] = [
  ["local", () => localFileStore(dir)],
  ["s3", () => s3FileStore({ endpoint: s3.endpoint, region: s3.region, bucket: s3.bucket, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true })],
];

describe.each(stores)("file store: %s", (_name, make) => {
  it("streams a 3 MB body in and out byte for byte, lists it, deletes it", async () => {
    const store = make();
    const seed = randomBytes(997);
    const size = 3 * 1024 * 1024 + 11;
    await store.put("entries/r/u/a.bin", chunked(size, seed), size, "application/octet-stream");
    const back = await readAll(await store.get("entries/r/u/a.bin"));
    expect(back.length).toBe(size);
    expect(sha(back)).toBe(sha(await readAll(chunked(size, seed))));
    const listed = [];
    for await (const o of store.list("entries/r/")) listed.push(o);
    expect(listed.map((o) => o.key)).toEqual(["entries/r/u/a.bin"]);
    expect(listed[0]?.size).toBe(size);
    await store.delete("entries/r/u/a.bin");
    await expect(store.get("entries/r/u/a.bin")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses keys that could escape the store", async () => {
    const store = make();
    await expect(store.put("../evil", Readable.from([Buffer.from("x")]), 1)).rejects.toThrow(/Unsafe/);
    await expect(store.get("a/../../b")).rejects.toThrow(/Unsafe/);
  });
});

describe("local store", () => {
  it("leaves no file behind when the body fails half-way", async () => {
    const store = localFileStore(dir);
    const broken = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error("connection reset"));
      },
    });
    await expect(store.put("entries/x/broken.bin", broken, 5000)).rejects.toThrow();
    const left = [];
    for await (const o of store.list("entries/x/")) left.push(o);
    expect(left).toEqual([]);
  });
});
