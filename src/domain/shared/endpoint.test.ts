import { describe, expect, it } from "vitest";
import { z } from "zod";
import { authEndpoints } from "../auth/auth.endpoints";
import { contestEndpoints } from "../contest/contest.endpoints";
import { learningEndpoints } from "../learning/learning.endpoints";
import { quizEndpoints } from "../quiz/quiz.endpoints";
import { rankingEndpoints } from "../ranking/ranking.endpoints";
import { remindersEndpoints } from "../reminders/reminders.endpoints";
import { reportsEndpoints } from "../reports/reports.endpoints";
import { stagesEndpoints } from "../stages/stages.endpoints";
import { unitsEndpoints } from "../units/units.endpoints";
import { type AnyEndpoint, buildPath, buildQuery, defineEndpoint, endpointUrl, type PathParamNames } from "./endpoint";

const all: AnyEndpoint[] = [authEndpoints, contestEndpoints, learningEndpoints, quizEndpoints, rankingEndpoints, remindersEndpoints, reportsEndpoints, stagesEndpoints, unitsEndpoints].flatMap((group) => Object.values(group));

describe("endpoint declarations", () => {
  it("fill :params (encoded) and the query, skipping undefined values", () => {
    expect(buildPath("/api/units/:code/claims/:id/decision", { code: "10507", id: "a b/c" })).toBe("/api/units/10507/claims/a%20b%2Fc/decision");
    expect(buildQuery({ kind: "all", cursor: undefined })).toBe("?kind=all");
    expect(buildQuery({})).toBe("");
    expect(endpointUrl(quizEndpoints.saveAnswer, { params: { id: "att-1", questionId: "q1" } })).toBe("/api/quiz/attempts/att-1/answers/q1");
    expect(() => buildPath("/api/lessons/:id", {})).toThrow(/:id/);
  });

  it("declare each method and path once, and name every :param in the params schema", () => {
    const keys = all.map((e) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of all) {
      const names = [...e.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!).sort();
      const shape = e.params && "shape" in e.params ? Object.keys((e.params as z.ZodObject).shape).sort() : [];
      expect(shape, `${e.method} ${e.path}`).toEqual(names);
      expect(e.responses[200], `${e.method} ${e.path}`).toBeDefined();
      if (e.method === "GET") expect(e.body, `${e.method} ${e.path}`).toBeUndefined();
    }
  });

  it("refuse at compile time a path whose :params the params schema does not name", () => {
    const names: PathParamNames<"/api/units/:code/claims/:id/decision">[] = ["code", "id"];
    expect(names).toHaveLength(2);
    const ok = defineEndpoint({ method: "GET", path: "/api/x/:id", tags: [], summary: "", auth: "none", params: z.object({ id: z.string() }), responses: { 200: z.object({}) } });
    expect(ok.path).toBe("/api/x/:id");
    // @ts-expect-error: the path names :id but there is no params schema
    defineEndpoint({ method: "GET", path: "/api/x/:id", tags: [], summary: "", auth: "none", responses: { 200: z.object({}) } });
    // @ts-expect-error: the params schema names :code, the path :id
    defineEndpoint({ method: "GET", path: "/api/x/:id", tags: [], summary: "", auth: "none", params: z.object({ code: z.string() }), responses: { 200: z.object({}) } });
  });
});
