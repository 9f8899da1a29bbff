import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { Readable } from "node:stream";
import { assertKey, FileMissingError, type FileStore, type StoredObject } from "./file-store";

export type S3Options = { endpoint?: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean; prefix?: string };

/** Any S3-compatible store (AWS, MinIO, Ceph, Viettel/FPT object storage); bodies stream both ways. */
export function s3FileStore(opts: S3Options): FileStore {
  const client = new S3Client({
    endpoint: opts.endpoint || undefined,
    region: opts.region,
    forcePathStyle: opts.forcePathStyle,
    // Many S3-compatible stores do not speak the SDK's default aws-chunked trailing checksums.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
  });
  const prefix = opts.prefix ?? "";
  const full = (key: string) => {
    assertKey(key);
    return `${prefix}${key}`;
  };
  return {
    kind: "s3",
    async put(key, body: Readable, size, contentType) {
      // A known ContentLength lets the SDK stream the body in one PUT without buffering it.
      await client.send(new PutObjectCommand({ Bucket: opts.bucket, Key: full(key), Body: body, ContentLength: size, ContentType: contentType ?? "application/octet-stream" }));
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: opts.bucket, Key: full(key) }));
        return res.Body as Readable;
      } catch (err) {
        const name = (err as { name?: string }).name;
        if (name === "NoSuchKey" || name === "NotFound") throw new FileMissingError(key);
        throw err;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: opts.bucket, Key: full(key) }));
    },
    async *list(p): AsyncIterable<StoredObject> {
      let token: string | undefined;
      do {
        const res = await client.send(new ListObjectsV2Command({ Bucket: opts.bucket, Prefix: `${prefix}${p}`, ContinuationToken: token }));
        for (const o of res.Contents ?? [])
          if (o.Key) yield { key: o.Key.slice(prefix.length), size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) };
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
