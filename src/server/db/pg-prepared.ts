import { createHash } from "node:crypto";
import type pg from "pg";

/**
 * PostgreSQL parses and plans every unnamed statement anew. At the deadline the session check
 * (a primary-key lookup) spent three times longer being planned than running, and planning was a
 * third of the database's statement time. Named statements are parsed and planned once per
 * connection: node-postgres remembers which names each connection has prepared. This is the
 * PostgreSQL half of what sqlite-statement-cache.ts does for SQLite.
 *
 * The name is a hash of the text, so one name always means one text. The number of names is
 * capped: texts that vary with their input (multi-row VALUES, IN lists) would otherwise fill every
 * backend's memory with statements used once. Those stay unnamed.
 *
 * After a schema change, a prepared `select *` fails with "cached plan must not change result
 * type" (0A000); during a rolling deploy the old replicas would see it. The text then gets a new
 * name, so it is prepared again. Outside a transaction the statement is retried at once; inside
 * one, that one transaction fails.
 */
const MAX_NAMES = 256;
const MAX_TEXT = 4096;
const names = new Map<string, string>();
let renamed = 0;

function nameOf(text: string): string | null {
  const known = names.get(text);
  if (known) return known;
  if (names.size >= MAX_NAMES || text.length > MAX_TEXT) return null;
  const name = `hv_${createHash("sha1").update(text).digest("base64url").slice(0, 20)}`;
  names.set(text, name);
  return name;
}

const planChanged = (err: unknown) => (err as { code?: string }).code === "0A000" && /cached plan/.test(String((err as Error).message));

type QueryFn = (config: pg.QueryConfig) => Promise<pg.QueryResult>;

/** Make `client.query(text, values)`, the call Kysely makes, use a named statement. */
export function preparedQueries(client: pg.PoolClient): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  const run: QueryFn = (config) => original(config) as Promise<pg.QueryResult>;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== "string" || typeof values === "function" || callback !== undefined) return original(text, values, callback);
    const name = nameOf(text);
    const config = { text, values: values as unknown[] | undefined };
    if (!name) return run(config);
    return run({ ...config, name }).catch((err: unknown) => {
      if (!planChanged(err)) throw err;
      names.set(text, `${name}_${++renamed}`);
      if (client.getTransactionStatus() !== "I") throw err;
      return run({ ...config, name: names.get(text)! });
    });
  }) as typeof client.query;
}
