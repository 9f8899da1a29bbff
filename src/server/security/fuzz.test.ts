import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../test/dialects";
import { HOSTILE_STRINGS, type JsonSchema, value } from "./fuzz-arbitraries";
import { buildWorld, UNIT_A, UNIT_B, type Who, type World } from "./personas";

/**
 * Fuzzing every route of the OpenAPI document: bodies, path parameters and query strings drawn from
 * the route's own (zod-generated) schema, mixed with hostile strings and numbers and wrong types,
 * sent by callers of every kind. Whatever comes in, no answer may be a 5xx. A failure prints the
 * seed (FUZZ_SEED=… reproduces the run) and the first offending requests.
 */
// About 32 per route (141 routes since the bank, overrides, people, privacy and blind files landed).
const REQUESTS_PER_DATABASE = Number(process.env.FUZZ_REQUESTS ?? 4400);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CALLERS: Who[] = ["organizer", "leadA", "staffA", "anonymous", "staffB", "judge", "leadB"];

type Operation = {
  method: string;
  path: string;
  params: Array<{ name: string; in: "path" | "query"; schema: JsonSchema; required?: boolean }>;
  body: JsonSchema | null;
};

function operations(w: World): Operation[] {
  const doc = (w.t.app as unknown as { swagger(): { paths: Record<string, Record<string, { parameters?: Operation["params"]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>> } }).swagger();
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: (op.parameters ?? []).filter((p) => p.in === "path" || p.in === "query"),
      body: op.requestBody?.content?.["application/json"]?.schema ?? null,
    })),
  );
}

type Sample = { who: Who; params: Record<string, unknown>; query: Record<string, unknown>; body: unknown; raw: string | null };

function requestArbitrary(op: Operation, samples: readonly string[]): fc.Arbitrary<Sample> {
  const pathParams = op.params.filter((p) => p.in === "path");
  const queryParams = op.params.filter((p) => p.in === "query");
  const record = (ps: Operation["params"], pathLike: boolean) =>
    fc.record(
      Object.fromEntries(ps.map((p) => [p.name, pathLike ? fc.oneof({ arbitrary: fc.constantFrom(...samples), weight: 3 }, { arbitrary: value(p.schema, samples), weight: 2 }) : value(p.schema, samples)])),
      { requiredKeys: pathLike ? ps.map((p) => p.name) : ps.filter((p) => p.required).map((p) => p.name) },
    );
  return fc.record({
    who: fc.constantFrom(...CALLERS),
    params: record(pathParams, true),
    query: record(queryParams, false),
    body: op.body ? value(op.body, samples) : fc.oneof(fc.constant(undefined), fc.anything({ maxDepth: 1 })),
    // Now and then a raw body: prototype pollution, broken JSON, a huge document.
    raw: fc.oneof(
      { arbitrary: fc.constant(null), weight: 12 },
      { arbitrary: fc.constantFrom('{"__proto__":{"role":"organizer"}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":', "[".repeat(5000), `{"x":"${"y".repeat(200_000)}"}`, "null", '"\\u0000"'), weight: 1 },
    ),
  });
}

/** Percent-encode anything, lone surrogates included (as the bytes of a surrogate, which is invalid UTF-8 on purpose). */
function encode(v: unknown): string {
  const str = typeof v === "string" ? v : (JSON.stringify(v) ?? "");
  let out = "";
  for (const ch of str) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

describe.each(DIALECTS)("fuzzing every route on %s", (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(dialect);
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it(`answers ${REQUESTS_PER_DATABASE} hostile requests without a single 5xx`, async () => {
    // Sign-out may sign a caller out everywhere: fuzz it last so the other routes keep their callers.
    const ops = operations(w).sort((a, b) => Number(a.path === "/api/auth/sign-out") - Number(b.path === "/api/auth/sign-out"));
    const samples = [w.attemptId, w.questionId, w.lessonId, w.target.id, w.users.staffA.id, UNIT_A, UNIT_B, "stage1", "stage2", "stage3", "csv", "xlsx", w.ruleId, "nope", ...HOSTILE_STRINGS.slice(0, 12)];
    const perOp = Math.ceil(REQUESTS_PER_DATABASE / ops.length);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    const personaIds = new Set(Object.values(w.users).map((u) => u.id));
    for (const [i, op] of ops.entries()) {
      // Roles and revocations aim at the throwaway target, never at a caller (it would lose its session or role).
      const pool = op.path.startsWith("/api/users/") ? samples.filter((x) => !personaIds.has(x)) : samples;
      const inputs = fc.sample(requestArbitrary(op, pool), { numRuns: perOp, seed: SEED + i });
      for (const s of inputs) {
        const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encode(s.params[name] ?? "x"));
        const qs = Object.entries(s.query)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encode(v)}`)
          .join("&");
        const url = qs ? `${path}?${qs}` : path;
        // Sign-out ends the session it is made with: a second session keeps the caller for the rest.
        const auth = op.path === "/api/auth/sign-out" ? w.freshAuth(s.who) : w.auth(s.who);
        const hasBody = op.method !== "GET" && op.method !== "HEAD";
        const payload = !hasBody ? undefined : s.raw ?? (s.body === undefined ? undefined : JSON.stringify(s.body));
        const res = await w.t.app.inject({
          method: op.method as "GET",
          url,
          headers: { ...auth, ...(payload !== undefined ? { "content-type": "application/json" } : {}) },
          payload,
        });
        sent++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500) failures.push(`${res.statusCode} ${op.method} ${url.slice(0, 200)} as ${s.who} body=${String(payload).slice(0, 200)} → ${res.body.slice(0, 200)}`);
      }
    }
    const summary = [...statuses.entries()].sort(([a], [b]) => a - b).map(([c, n]) => `${c}×${n}`).join(" ");
    console.info(`${dialect}: fuzz seed ${SEED}: ${sent} requests over ${ops.length} routes, ${failures.length} answers ≥ 500 (${summary})`);
    expect(sent).toBeGreaterThanOrEqual(2000);
    expect(failures, `seed ${SEED}; first failures:\n${failures.slice(0, 8).join("\n")}`).toEqual([]);
  }, 300_000);
});
