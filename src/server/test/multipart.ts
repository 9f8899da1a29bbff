import { randomBytes } from "node:crypto";

/** A multipart/form-data body with one file in field `file`, as the app's uploads send it. */
export function multipartBody(fileName: string, content: Buffer | string, contentType = "text/csv") {
  const boundary = `----hvai${randomBytes(8).toString("hex")}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return { payload: Buffer.concat([head, body, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
