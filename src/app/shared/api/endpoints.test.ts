import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { authEndpoints } from "../../../domain/auth/auth.endpoints";
import { certificatesEndpoints } from "../../../domain/certificates/certificates.endpoints";
import { contestEndpoints } from "../../../domain/contest/contest.endpoints";
import { finalEndpoints } from "../../../domain/jury/final.endpoints";
import { juryEndpoints } from "../../../domain/jury/jury.endpoints";
import { demoEndpoints } from "../../../domain/demo/demo.endpoints";
import { entriesEndpoints } from "../../../domain/entries/entries.endpoints";
import { learningEndpoints } from "../../../domain/learning/learning.endpoints";
import { privacyEndpoints } from "../../../domain/privacy/privacy.endpoints";
import { quizBankEndpoints } from "../../../domain/quiz/bank.endpoints";
import { quizEndpoints } from "../../../domain/quiz/quiz.endpoints";
import { quizOverridesEndpoints } from "../../../domain/quiz/overrides.endpoints";
import { peopleEndpoints } from "../../../domain/people/people.endpoints";
import { rankingEndpoints } from "../../../domain/ranking/ranking.endpoints";
import { remindersEndpoints } from "../../../domain/reminders/reminders.endpoints";
import { reportsEndpoints } from "../../../domain/reports/reports.endpoints";
import type { AnyEndpoint } from "../../../domain/shared/endpoint";
import { stagesEndpoints } from "../../../domain/stages/stages.endpoints";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { buildTestApp, type TestApp } from "../../../server/test/test-app";

const declared: AnyEndpoint[] = [
  authEndpoints,
  certificatesEndpoints,
  contestEndpoints,
  demoEndpoints,
  entriesEndpoints,
  finalEndpoints,
  juryEndpoints,
  learningEndpoints,
  privacyEndpoints,
  quizEndpoints,
  quizBankEndpoints,
  quizOverridesEndpoints,
  peopleEndpoints,
  rankingEndpoints,
  remindersEndpoints,
  reportsEndpoints,
  stagesEndpoints,
  unitsEndpoints,
].flatMap((g) => Object.values(g));

type Operation = { parameters?: { in: string; name: string }[]; requestBody?: unknown; security?: unknown[]; responses?: Record<string, unknown> };
const keysOf = (schema: z.ZodType | undefined) => (schema && "shape" in schema ? Object.keys((schema as z.ZodObject).shape).sort() : []);

/** The server's own description of its routes (OpenAPI, generated from the schemas it validates with). */
describe("the endpoint declarations match the routes the server serves", () => {
  let t: TestApp;
  let operations: Map<string, Operation>;
  beforeAll(async () => {
    t = await buildTestApp("sqlite");
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    operations = new Map();
    for (const [p, methods] of Object.entries(doc.paths)) {
      if (!p.startsWith("/api/")) continue;
      for (const [method, op] of Object.entries(methods)) operations.set(`${method.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ":$1")}`, op);
    }
  });
  afterAll(() => t.close());

  it("declares every /api route once, and nothing the server does not serve", () => {
    expect(declared.map((e) => `${e.method} ${e.path}`).sort()).toEqual([...operations.keys()].sort());
  });

  it("agrees on params, query, body, who may call, and the statuses each answers", () => {
    for (const e of declared) {
      const key = `${e.method} ${e.path}`;
      const op = operations.get(key)!;
      const names = (where: string) => (op.parameters ?? []).filter((p) => p.in === where).map((p) => p.name).sort();
      expect(names("path"), key).toEqual(keysOf(e.params));
      expect(names("query"), key).toEqual(keysOf(e.query));
      expect(op.requestBody !== undefined, key).toBe(e.body !== undefined);
      expect((op.security ?? []).length > 0, key).toBe(e.auth !== "none");
      for (const status of Object.keys(e.responses)) expect(Object.keys(op.responses ?? {}), key).toContain(status);
    }
  });
});
