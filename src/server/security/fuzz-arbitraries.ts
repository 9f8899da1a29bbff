import fc from "fast-check";

/** Strings that have broken servers: NUL, lone surrogates, huge, bidi, prototype keys, paths, SQL, odd Unicode. */
export const HOSTILE_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF\uD800",
  "x".repeat(100_000),
  "\u202Eevil\u202C",
  "\u2066\u2069",
  "\u200B\u200B",
  "__proto__",
  "constructor",
  "prototype",
  "../../../../etc/passwd",
  "%00",
  "%2e%2e%2f",
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  "<script>alert(1)</script>",
  "${7*7}",
  "🌸".repeat(1000),
  "Nguye\u0302\u0303n",
  " ",
  "",
  "\r\n",
  "null",
  "NaN",
  "Infinity",
  "-0",
  "1e-320",
  "1e308",
  "9007199254740993",
  "0x10",
];

/** Numbers at the edges: ±0, denormals, huge, beyond safe integers, and non-numbers dressed as numbers. */
export const HOSTILE_NUMBERS: unknown[] = [0, -0, 1e-320, -1e-320, 1e-39, 1e308, -1e308, 2 ** 53 + 1, -1, 0.5, 4294967296, "NaN", "Infinity", "-Infinity", "1e308", "", null, true, [], {}];

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
const hostileNumber = fc.constantFrom(...HOSTILE_NUMBERS);
const wrongType = fc.constantFrom<unknown>(null, true, [], {}, 0, "x", { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } });

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  default?: unknown;
};

/** A plausible value for the schema (so requests get past validation and into the handlers). */
function valid(s: JsonSchema, samples: readonly string[], depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((a) => valid(a, samples, depth)));
  if (s.allOf?.length) return valid(s.allOf[0]!, samples, depth);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      if (depth > 4) return fc.constant({});
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) rec[k] = value(v, samples, depth + 1);
      return fc.record(rec, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
    }
    case "array": {
      if (s.prefixItems) return fc.tuple(...s.prefixItems.map((i) => value(i, samples, depth + 1)));
      if (Array.isArray(s.items)) return fc.tuple(...s.items.map((i) => value(i, samples, depth + 1)));
      const item = s.items ? value(s.items, samples, depth + 1) : fc.anything();
      return fc.array(item, { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 5, 5) });
    }
    case "integer":
      return fc.integer({ min: Math.max(s.minimum ?? -1000, -1e6), max: Math.min(s.maximum ?? 1000, 1e6) });
    case "number":
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "string":
      if (s.format === "date-time") return fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString());
      return fc.oneof(fc.constantFrom(...samples), fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) }), fc.string({ unit: "grapheme", maxLength: 30 }));
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

/** Mostly plausible, sometimes hostile, sometimes the wrong type altogether. */
export function value(s: JsonSchema, samples: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid(s, samples, depth), weight: 6 }, { arbitrary: hostileString, weight: 2 }, { arbitrary: hostileNumber, weight: 1 }, { arbitrary: wrongType, weight: 1 });
}

export type { JsonSchema };
