import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

/** Where an S3 client finds the test store (pass `forcePathStyle: true`: buckets are not vhosts on loopback). */
export type TestS3 = {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The directory s3rver keeps objects in (removed by stop). */
  dir: string;
  stop(): Promise<void>;
};

/**
 * A real S3-compatible server (s3rver: S3's HTTP API and XML, objects on disk) on a free loopback
 * port in a temp directory, with one empty bucket. Tests of S3 file stores start their own.
 */
export async function startS3Server(opts: { bucket?: string } = {}): Promise<TestS3> {
  const dir = mkdtempSync(path.join(tmpdir(), "hvai-s3-"));
  const bucket = opts.bucket ?? "hvai-test";
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
  let port: number;
  try {
    ({ port } = await server.run());
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    bucket,
    // s3rver's fixed credentials: another access key id is refused (SigV4 signatures it does not verify).
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    dir,
    async stop() {
      // The SDK keeps connections alive; close() alone would wait for them to idle out.
      server.httpServer?.closeAllConnections();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
