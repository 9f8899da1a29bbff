import { z } from "zod";

/**
 * Every error the API can return. The app maps each code to Vietnamese text in
 * src/app/shared/errors/error-messages.ts (a Record over this union, so a new code
 * without a message fails the typecheck).
 */
export const ERROR_CODES = [
  "VALIDATION_FAILED",
  "UNAUTHENTICATED",
  "SESSION_EXPIRED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "INTERNAL",
  "ZALO_TOKEN_INVALID",
  "ZALO_UNAVAILABLE",
  "PHONE_TOKEN_INVALID",
  "UNIT_UNKNOWN",
  "DEV_AUTH_DISABLED",
  "STAGE_NOT_OPEN",
  // learning
  "LESSON_NOT_FOUND",
  "PROGRESS_IMPLAUSIBLE",
  "LESSON_LOCKED",
  // quiz
  "QUIZ_LOCKED",
  "ATTEMPT_NOT_FOUND",
  "ATTEMPT_CLOSED",
  "ATTEMPT_LIMIT_REACHED",
  "ATTEMPT_COOLDOWN",
  "QUESTION_NOT_IN_PAPER",
  "OPTION_INVALID",
  "REVIEW_NOT_AVAILABLE",
  "OVERRIDE_NOT_APPLICABLE",
  // people
  "PERSON_NOT_FOUND",
  "MERGE_NOT_ALLOWED",
  // units
  "ROSTER_INVALID",
  "CLAIM_NOT_FOUND",
  "ROSTER_CHANGE_NOT_FOUND",
  "ROSTER_CHANGE_DECIDED",
  "STAGE_ALREADY_CLOSED",
  "STAGE_STILL_OPEN",
  "SNAPSHOT_MISSING",
  // reminders
  "NOTIFICATION_NOT_FOUND",
  // jury and certificates
  "JUDGE_NOT_APPOINTED",
  "DECLARATION_REQUIRED",
  "SHEET_LOCKED",
  "ROUND_CLOSED",
  "ROUND_INCOMPLETE",
  "RESULT_FROZEN",
  "CERTIFICATE_NOT_ELIGIBLE",
  // entries
  "ENTRY_ROUND_NOT_FOUND",
  "ENTRY_NOT_ELIGIBLE",
  "ENTRY_ROUND_NOT_OPEN",
  "ENTRY_DEADLINE_PASSED",
  "ENTRY_INVITE_INVALID",
  "ENTRY_INVITE_EXPIRED",
  "ENTRY_INVITE_OTHER_UNIT",
  "ENTRY_VERSION_CONFLICT",
  "ENTRY_INCOMPLETE",
  "ENTRY_ALREADY_SUBMITTED",
  "ENTRY_NOT_SUBMITTED",
  "FILE_TYPE_NOT_ALLOWED",
  "FILE_EMPTY",
  "FILE_TOO_LARGE",
  "FILES_TOTAL_TOO_LARGE",
  "FILES_TOO_MANY",
  "FILE_ZIP_BOMB",
  "UPLOAD_TOKEN_INVALID",
  "UPLOAD_INTERRUPTED",
  // privacy
  "PRIVACY_REQUEST_NOT_FOUND",
  "PRIVACY_REQUEST_CLOSED",
  "PRIVACY_REQUEST_PENDING",
  "RETENTION_NOT_DUE",
  "BANK_FILE_INVALID",
  "BANK_BLUEPRINT",
  "BANK_VERSION_NOT_FOUND",
  "BANK_VERSION_NOT_PUBLISHABLE",
  "QUESTION_NOT_FOUND",
  // hardening
  "UNIT_CHANGE_NOT_ALLOWED",
  "UPLOAD_TOO_COMPLEX",
  "TEXT_INVALID",
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    /** Field-level problems for VALIDATION_FAILED: path → message. */
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/**
 * The one retry policy for queued writes on the phone (answers, lesson progress, inbox reads,
 * entry drafts): these failures can pass (no network, a gateway or server fault, rate limit, a
 * session to renew), so the write stays queued and is sent again; every other code is final.
 * NETWORK and BAD_RESPONSE are the app client's own codes.
 */
const RETRYABLE: ReadonlySet<string> = new Set<ErrorCode | "NETWORK" | "BAD_RESPONSE">([
  "NETWORK",
  "BAD_RESPONSE",
  "INTERNAL",
  "RATE_LIMITED",
  "SESSION_EXPIRED",
  "UNAUTHENTICATED",
  "ZALO_UNAVAILABLE",
]);

export function isRetryable(code: ErrorCode | "NETWORK" | "BAD_RESPONSE"): boolean {
  return RETRYABLE.has(code);
}
