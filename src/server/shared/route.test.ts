import Fastify from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEndpoint, FileResponseSchema } from "../../domain/shared/endpoint";
import errorHandler from "../plugins/error-handler";
import { route, routeSchema } from "./route";

const echo = defineEndpoint({
  method: "POST",
  path: "/api/echo/:id",
  tags: ["t"],
  summary: "Echo",
  auth: "bearer",
  params: z.object({ id: z.string().max(5) }),
  query: z.object({ n: z.coerce.number().int() }),
  body: z.object({ text: z.string() }),
  responses: { 200: z.object({ id: z.string(), n: z.number(), text: z.string() }), 422: z.object({ why: z.string() }) },
});
const file = defineEndpoint({ method: "GET", path: "/api/file", tags: ["t"], summary: "File", auth: "none", responses: { 200: FileResponseSchema } });

describe("route(): a handler registered against its declaration", () => {
  const app = Fastify();
  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(errorHandler);
    route(app, echo, async (req) => ({ id: req.params.id, n: req.query.n, text: req.body.text }));
    route(app, file, async (_req, reply) => reply.type("text/csv").send(Buffer.from("a,b\n")));
    await app.ready();
  });
  afterAll(() => app.close());

  it("adds security and the shared error statuses once, keeping the declared ones", () => {
    const s = routeSchema(echo) as { security: unknown[]; response: Record<number, unknown>; querystring: unknown };
    expect(s.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(s.response).map(Number).sort((a, b) => a - b)).toEqual([200, 400, 401, 403, 404, 409, 422, 500]);
    expect(s.querystring).toBe(echo.query);
    expect((routeSchema(file) as { security?: unknown }).security).toBeUndefined();
    expect((routeSchema(file, { hide: true }) as { hide?: boolean }).hide).toBe(true);
  });

  it("validates params, query and body with the declared schemas", async () => {
    const ok = await app.inject({ method: "POST", url: "/api/echo/ab?n=3", payload: { text: "x" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ id: "ab", n: 3, text: "x" });
    for (const bad of [
      { url: "/api/echo/toolong?n=3", payload: { text: "x" } },
      { url: "/api/echo/ab?n=x", payload: { text: "x" } },
      { url: "/api/echo/ab?n=1", payload: {} },
    ]) {
      const res = await app.inject({ method: "POST", ...bad });
      expect(res.statusCode, bad.url).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("sends a declared file as bytes, not through the JSON serializer", async () => {
    const res = await app.inject({ method: "GET", url: "/api/file" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("a,b\n");
  });
});
