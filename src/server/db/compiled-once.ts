import { type Compilable, type CompiledQuery, type Kysely, type QueryResult, type Transaction } from "kysely";
import type { Database } from "./schema";

type Q = Kysely<Database> | Transaction<Database>;
type Value = string | number | boolean | null;
type Compiled<N extends string> = { query: CompiledQuery; slots: (N | undefined)[] };

/**
 * A hot query built and compiled once per database, then run with each call's values. Building a
 * query (and CamelCasePlugin's pass over its tree) costs Kysely more CPU than SQLite spends running
 * it: the session lookup, asked by every signed-in request, was 7 % of the API's CPU under the
 * surge. `build` receives `v(name)`, a stand-in for one of `names`' values (typed `never` so it
 * fits any column); the compiled query's parameters are the stand-ins, swapped for the call's
 * values. Results still pass through the plugins.
 */
export function compiledOnce<const N extends string, R>(names: readonly N[], build: (db: Q, v: (name: N) => never) => Compilable<R>): (db: Q, values: Record<N, Value>) => Promise<QueryResult<R>> {
  // Keyed by the dialect adapter: one per database handle, shared by its transactions, and the
  // compiled text depends on nothing else (the plugins are the same on every handle, database.ts).
  const cache = new WeakMap<object, Compiled<N>>();
  return async (db, values) => {
    const key = db.getExecutor().adapter;
    let c = cache.get(key);
    if (!c) {
      const marks = new Map(names.map((name) => [`\u0000compiled-once:${name}\u0000`, name]));
      const v = (name: N): never => `\u0000compiled-once:${name}\u0000` as never;
      const query = build(db, v).compile();
      const slots = query.parameters.map((p) => (typeof p === "string" ? marks.get(p) : undefined));
      if (new Set(slots.filter(Boolean)).size < names.length) throw new Error(`compiledOnce: each of ${names.join(", ")} must be sent as a parameter`);
      c = { query, slots };
      cache.set(key, c);
    }
    const { query, slots } = c;
    const parameters = query.parameters.map((p, i) => (slots[i] === undefined ? p : values[slots[i]!]));
    return db.executeQuery<R>({ ...query, parameters });
  };
}
