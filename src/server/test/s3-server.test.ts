import { existsSync } from "node:fs";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterEach, describe, expect, it } from "vitest";
import { startS3Server, type TestS3 } from "./s3-server";

function client(s3: TestS3, accessKeyId = s3.accessKeyId): S3Client {
  return new S3Client({ endpoint: s3.endpoint, region: s3.region, forcePathStyle: true, credentials: { accessKeyId, secretAccessKey: s3.secretAccessKey } });
}

describe("S3-compatible test server (s3rver on loopback)", () => {
  let s3: TestS3 | undefined;
  afterEach(async () => {
    await s3?.stop();
    s3 = undefined;
  });

  it("stores an object and gives the same bytes back through @aws-sdk/client-s3", async () => {
    s3 = await startS3Server();
    expect(new URL(s3.endpoint).hostname).toBe("127.0.0.1");
    const c = client(s3);
    const body = Buffer.concat([Buffer.from("Bài dự thi — Phường Hồng Bàng\n", "utf8"), Buffer.from([0, 255, 1, 254])]);
    await c.send(new PutObjectCommand({ Bucket: s3.bucket, Key: "entries/10945/bai-du-thi.pdf", Body: body, ContentType: "application/pdf" }));
    const got = await c.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "entries/10945/bai-du-thi.pdf" }));
    expect(got.ContentType).toBe("application/pdf");
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    const listed = await c.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: "entries/" }));
    expect(listed.Contents?.map((o) => [o.Key, o.Size])).toEqual([["entries/10945/bai-du-thi.pdf", body.length]]);
    c.destroy();
  });

  it("refuses an unknown access key and a missing bucket, and stop() removes its files", async () => {
    s3 = await startS3Server({ bucket: "other" });
    const bad = client(s3, "NOT-A-KEY");
    await expect(bad.send(new PutObjectCommand({ Bucket: "other", Key: "x", Body: "x" }))).rejects.toMatchObject({ name: "InvalidAccessKeyId" });
    const good = client(s3);
    await expect(good.send(new GetObjectCommand({ Bucket: "hvai-test", Key: "x" }))).rejects.toMatchObject({ name: "NoSuchBucket" });
    bad.destroy();
    good.destroy();
    const dir = s3.dir;
    expect(existsSync(dir)).toBe(true);
    await s3.stop();
    s3 = undefined;
    expect(existsSync(dir)).toBe(false);
  });
});
