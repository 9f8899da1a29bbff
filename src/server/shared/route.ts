import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type AnyEndpoint, FileResponseSchema } from "../../domain/shared/endpoint";
import { errorResponses } from "./error-responses";

/** A file, a stream or a Buffer: never serialised, so the schema only names it for the OpenAPI document. */
const BinarySchema = z.any().describe("binary file");

type Part<E extends AnyEndpoint, K extends "params" | "query" | "body"> = E[K] extends z.ZodType ? z.output<E[K]> : undefined;

/** The request a handler gets: params, query and body already parsed by the endpoint's schemas. */
export type EndpointRequest<E extends AnyEndpoint> = FastifyRequest<{
  Params: Part<E, "params">;
  Querystring: Part<E, "query">;
  Body: Part<E, "body">;
}>;

/** What a handler may answer: the declared success body, or the reply it sent itself (files, other statuses). */
export type EndpointResult<E extends AnyEndpoint> = z.input<E["responses"][200]> | FastifyReply;

export type EndpointHandler<E extends AnyEndpoint> = (req: EndpointRequest<E>, reply: FastifyReply) => Promise<EndpointResult<E>> | EndpointResult<E>;

/** Fastify's route schema for a declaration: security and the shared error statuses are added here, once. */
export function routeSchema(endpoint: AnyEndpoint, options: { hide?: boolean } = {}): Record<string, unknown> {
  const response: Record<number, z.ZodType> = { ...errorResponses };
  for (const [status, schema] of Object.entries(endpoint.responses)) response[Number(status)] = schema === FileResponseSchema ? BinarySchema : schema;
  return {
    ...(options.hide ? { hide: true } : {}),
    tags: [...endpoint.tags],
    summary: endpoint.summary,
    ...(endpoint.auth === "none" ? {} : { security: [{ bearer: [] }] }),
    ...(endpoint.params ? { params: endpoint.params } : {}),
    ...(endpoint.query ? { querystring: endpoint.query } : {}),
    ...(endpoint.body ? { body: endpoint.body } : {}),
    ...(endpoint.multipart ? { consumes: ["multipart/form-data"] } : {}),
    response,
  };
}

/**
 * Register a handler for an endpoint declared in src/domain/<feature>/<feature>.endpoints.ts: the
 * one way a feature adds an /api route (ADR 0007), so the app's client and the server read the same
 * method, path and schemas. Who may call is still checked in the handler (requireUser/requireRole).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any type provider: the schemas come from the declaration
export function route<E extends AnyEndpoint>(app: FastifyInstance<any, any, any, any, any>, endpoint: E, handler: EndpointHandler<E>, options: { hide?: boolean } = {}): void {
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    schema: routeSchema(endpoint, options),
    handler: handler as unknown as (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  });
}
