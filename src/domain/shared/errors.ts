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
  // units
  "ROSTER_INVALID",
  "CLAIM_NOT_FOUND",
  "STAGE_ALREADY_CLOSED",
  "STAGE_STILL_OPEN",
  "SNAPSHOT_MISSING",
  // reminders
  "NOTIFICATION_NOT_FOUND",
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
