import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
// s3rver ships no types; the little we use is typed here.
// @ts-expect-error -- untyped CommonJS module
import S3rver from "s3rver";

export type TestS3 = { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string; env: Record<string, string>; close(): Promise<void> };

/**
 * An S3-compatible server on loopback (s3rver), with one bucket, for the file-store tests.
 * (Written for the entries feature; the infra helper's src/server/test/s3-server.ts can replace it.)
 */
export async function startTestS3(bucket = "entries-test"): Promise<TestS3> {
  const dir = mkdtempSync(path.join(tmpdir(), "hvai-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
  const addr = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${addr.port}`;
  // s3rver accepts the well-known development credentials.
  const accessKeyId = "S3RVER";
  const secretAccessKey = "S3RVER";
  return {
    endpoint,
    bucket,
    accessKeyId,
    secretAccessKey,
    env: { FILE_STORE: "s3", S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey, S3_FORCE_PATH_STYLE: "1" },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
