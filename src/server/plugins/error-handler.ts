import type { FastifyInstance, FastifyError } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import type { ApiError, ErrorCode } from "../../domain/shared/errors";
import { AppError } from "../shared/app-error";
import { redactUrl } from "../shared/log-redaction";

const body = (code: ErrorCode, message: string, fields?: Record<string, string>): ApiError => ({
  error: fields ? { code, message, fields } : { code, message },
});

/** One error contract for the whole API; 5xx details go to the log, never to the client. */
export default fp(
  async function errorHandler(app: FastifyInstance) {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (hasZodFastifySchemaValidationErrors(err)) {
        const fields: Record<string, string> = {};
        for (const v of err.validation) {
          const key = v.instancePath.replace(/^\//, "").replace(/\//g, ".") || "body";
          fields[key] ??= v.message ?? "không hợp lệ";
        }
        return reply.code(400).send(body("VALIDATION_FAILED", "Request is not valid", fields));
      }
      if (err instanceof AppError) {
        if (err.status >= 500) request.log.error({ err, method: request.method, url: redactUrl(request.url) }, err.message);
        // A Zalo outage: tell the app when to try again (the breaker stays open about this long).
        if (err.code === "ZALO_UNAVAILABLE") reply.header("retry-after", "30");
        return reply.code(err.status).send(body(err.code, err.status >= 500 ? "Internal Server Error" : err.message, err.fields));
      }
      if (isResponseSerializationError(err)) {
        request.log.error({ err, method: request.method, url: redactUrl(request.url) }, "response did not match its schema");
        return reply.code(500).send(body("INTERNAL", "Internal Server Error"));
      }
      const status = err.statusCode ?? 500;
      if (status >= 500) {
        request.log.error({ err, method: request.method, url: redactUrl(request.url), params: request.params }, "unhandled error");
        return reply.code(500).send(body("INTERNAL", "Internal Server Error"));
      }
      if (status === 429) return reply.code(429).send(body("RATE_LIMITED", err.message));
      if (status === 413) return reply.code(413).send(body("VALIDATION_FAILED", "Payload too large"));
      // Fastify's own 4xx (bad JSON, wrong content type …).
      return reply.code(status).send(body("VALIDATION_FAILED", err.message));
    });

    app.setNotFoundHandler((request, reply) => {
      reply.code(404).send(body("NOT_FOUND", `Route ${request.method} ${request.url.split("?")[0]} not found`));
    });
  },
  { name: "error-handler" },
);
