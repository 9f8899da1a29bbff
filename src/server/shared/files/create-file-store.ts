import type { Env } from "../../config/env";
import type { FileStore } from "./file-store";
import { localFileStore } from "./local-file-store";
import { s3FileStore } from "./s3-file-store";

/** The store the environment asks for (FILE_STORE=local|s3). */
export function createFileStore(env: Env): FileStore {
  if (env.FILE_STORE === "s3")
    return s3FileStore({
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION,
      bucket: env.S3_BUCKET,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
    });
  return localFileStore(env.FILES_DIR);
}
