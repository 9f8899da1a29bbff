import type { FastifyRequest } from "fastify";
import { AppError } from "../app-error";

/** What an upload route answers for each way a one-file multipart upload fails (its own codes and wording). */
export type SingleFileErrors = {
  /** Over the multipart plugin's fileSize limit (413). */
  tooLarge: () => AppError;
  /** Not multipart/form-data, or more files or parts than allowed (400). */
  invalid: () => AppError;
  /** No file in the form (400). */
  missing: () => AppError;
  /** Anything else: the stream broke off (400). */
  interrupted: () => AppError;
};

function uploadError(err: unknown, errors: SingleFileErrors): AppError {
  const code = (err as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE") return errors.tooLarge();
  if (code === "FST_INVALID_MULTIPART_CONTENT_TYPE" || code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT") return errors.invalid();
  if (err instanceof AppError) return err;
  return errors.interrupted();
}

/** The request's one uploaded file, read whole (the route's multipart limits bound it), with its name. */
export async function readSingleFile(req: FastifyRequest, errors: SingleFileErrors, defaultName: string): Promise<{ buffer: Buffer; fileName: string }> {
  try {
    const part = await req.file();
    if (!part) throw errors.missing();
    const fileName = part.filename || defaultName;
    return { fileName, buffer: await part.toBuffer() };
  } catch (err) {
    throw uploadError(err, errors);
  }
}
