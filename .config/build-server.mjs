// Builds the API for running with plain `node` (npm start, npm run serve, the benches): one bundle
// per entry. Running from the build instead of through tsx boots in half the time and uses ~40 MiB
// less memory (README, "Measured performance"). The packages the API needs at start-up are bundled
// in: resolving, reading and compiling their hundreds of files one by one was almost half of the
// boot, and after a crash the phones wait for the boot (ADR 0012).
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SERVER = path.join(ROOT, "src/server");

/**
 * Packages left to node_modules: native code (better-sqlite3), what heavy-libs.ts loads on first use
 * (bundled, it would be parsed at every boot), and packages that find their own files at run time
 * (worker scripts, static assets, fonts) or are too large to gain from it (the S3 SDK).
 */
export const EXTERNAL_PACKAGES = [
  "better-sqlite3",
  "pg",
  "exceljs",
  "pdf-lib",
  "@pdf-lib/fontkit",
  "qrcode",
  "yauzl",
  "yazl",
  "file-type",
  "piscina",
  "pino",
  "pino-pretty",
  "thread-stream",
  "@fastify/swagger-ui",
  "@aws-sdk/*",
  "dejavu-fonts-ttf",
  "tsx",
  "esbuild",
];

/** Bundled CommonJS packages call require() (node: modules, JSON); an ES module has none of its own. */
const ESM_REQUIRE = { js: 'import { createRequire as __hvaiCreateRequire } from "node:module"; const require = __hvaiCreateRequire(import.meta.url);' };

/** Must list UPLOAD_WORKER_MODULES (src/server/shared/uploads/worker-pool.ts): each is loaded by path in a worker. */
export const WORKER_MODULES = ["features/units/roster-file"];

/**
 * Every entry lands at the root of `outdir` (worker-pool.ts finds worker-entry.mjs and the worker
 * modules beside it). `outdir` must sit inside this checkout so the packages resolve from node_modules.
 * An entry `x` is `x.mjs`, which runs the bundle `x.cjs` through V8's code cache (code-cache.mjs):
 * CommonJS because Node 20 can reuse compiled code only for a script, not for an ES module.
 * @param {{ outdir: string, entries?: Record<string, string> }} options entries: output name → path under src/server
 */
export async function buildServer({ outdir, entries = { server: "server.ts" } }) {
  const common = {
    outdir,
    bundle: true,
    platform: "node",
    target: "node20",
    external: EXTERNAL_PACKAGES,
    // No keepNames: it wraps every function, closures made per request included, in a defineProperty
    // call; over the bundled packages that cost ~30 % more API CPU per answer save (bench:quiz). Names
    // survive without it, but a few renamed to avoid a clash get a digit (profiles: `nameOf2`).
    keepNames: false,
    sourcemap: true, // node --enable-source-maps dist/server/server.mjs for TypeScript lines in stacks
    logLevel: "warning",
  };
  mkdirSync(outdir, { recursive: true });
  // A cache made for an earlier build must never meet this one (its name carries the bundle's hash anyway).
  for (const f of readdirSync(outdir)) if (f.endsWith(".v8cache")) rmSync(path.join(outdir, f));
  await build({
    ...common,
    entryPoints: Object.entries(entries).map(([out, file]) => ({ out, in: path.join(SERVER, file) })),
    outExtension: { ".js": ".cjs" },
    format: "cjs",
    // The bundle's import.meta.url is its entry's (code-cache.mjs sets it): paths resolve as from an ES module.
    define: { "import.meta.url": "__entryUrl" },
    banner: { js: 'var __entryUrl = globalThis[Symbol.for("hvai.entry-url")];' },
  });
  // Loaded by path in a worker thread with import(): plain ES modules.
  await build({ ...common, entryPoints: WORKER_MODULES.map((m) => ({ out: m, in: path.join(SERVER, `${m}.ts`) })), outExtension: { ".js": ".mjs" }, format: "esm", banner: ESM_REQUIRE });
  for (const out of Object.keys(entries)) {
    const hash = createHash("sha256").update(readFileSync(path.join(outdir, `${out}.cjs`))).digest("hex").slice(0, 16);
    writeFileSync(path.join(outdir, `${out}.mjs`), `import { runBundle } from "./code-cache.mjs";\nrunBundle(import.meta.url, "${out}.cjs", "${out}.${hash}.v8cache");\n`);
  }
  copyFileSync(path.join(SERVER, "shared/code-cache.mjs"), path.join(outdir, "code-cache.mjs"));
  copyFileSync(path.join(SERVER, "shared/uploads/worker-entry.mjs"), path.join(outdir, "worker-entry.mjs"));
  return outdir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await buildServer({ outdir: path.join(ROOT, process.argv[2] ?? "dist/server") });
}
