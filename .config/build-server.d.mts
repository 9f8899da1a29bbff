/** Types of build-server.mjs (plain JS so `node` runs it without a TypeScript loader). */
export function buildServer(options: { outdir: string; entries?: Record<string, string> }): Promise<string>;
export const WORKER_MODULES: readonly string[];
