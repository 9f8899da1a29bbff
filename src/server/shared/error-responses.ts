import { ApiErrorSchema } from "../../domain/shared/errors";

/** Response schemas shared by every route, so the OpenAPI document lists each status. */
export const errorResponses = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  500: ApiErrorSchema,
} as const;
