import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "./embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL the suites create their databases on (see dialects.ts). */
    testPostgresUrl: string;
  }
}

export const DEFAULT_TEST_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

async function answers(url: string): Promise<true | string> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  c.on("error", () => undefined);
  try {
    await c.connect();
    await c.query("select 1");
    return true;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * Chooses the PostgreSQL of this run (once, before any worker starts) and hands its URL to the
 * workers: TEST_POSTGRES=url → TEST_POSTGRES_URL (or 127.0.0.1:5432/test); TEST_POSTGRES=embedded →
 * a PostgreSQL from npm on a free port; unset → the configured URL if set, else the local server if
 * it answers, else the embedded one.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mode = process.env.TEST_POSTGRES ?? "auto";
  if (!["auto", "url", "embedded"].includes(mode)) throw new Error(`TEST_POSTGRES must be "url" or "embedded" (got "${mode}")`);
  const configured = process.env.TEST_POSTGRES_URL;
  let url: string | undefined;
  if (mode === "url" || (mode === "auto" && configured)) {
    url = configured ?? DEFAULT_TEST_POSTGRES_URL;
    const ok = await answers(url);
    if (ok !== true) throw new Error(`PostgreSQL at ${url} does not answer (${ok}). Start it, or unset TEST_POSTGRES/TEST_POSTGRES_URL to let the tests start their own.`);
  } else if (mode === "auto" && (await answers(DEFAULT_TEST_POSTGRES_URL)) === true) {
    url = DEFAULT_TEST_POSTGRES_URL;
  }
  let stop: () => Promise<void> = async () => {};
  if (url) {
    console.log(`[tests] PostgreSQL: ${url.replace(/\/\/[^@]*@/, "//")}`);
  } else {
    const started = Date.now();
    const server = await startEmbeddedPostgres();
    console.log(`[tests] PostgreSQL: embedded ${server.version} on ${new URL(server.url).host} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    url = server.url;
    stop = server.stop;
  }
  // Workers read it through inject() (setup-node-tests.ts); the env var also covers child processes.
  process.env.TEST_POSTGRES_URL = url;
  project.provide("testPostgresUrl", url);
  return async () => {
    await stop();
    if (configured === undefined) delete process.env.TEST_POSTGRES_URL;
    else process.env.TEST_POSTGRES_URL = configured;
  };
}
