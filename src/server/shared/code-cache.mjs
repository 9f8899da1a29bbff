// Runs a bundled entry of the server build (.config/build-server.mjs) through V8's code cache: the
// first boot compiles the bundle and saves what V8 compiled; later boots (after a crash, the phones
// waiting) take it from the file instead of parsing 4.6 MB again. Node 22 has this built in
// (module.enableCompileCache); Node 20 does not. Plain JS: it runs before any TypeScript exists.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

/**
 * Saving takes ~50 ms of the only thread, so it is done before traffic: listen.ts calls what is
 * registered under this symbol once the API listens (nothing when run from the sources). A process
 * that never calls it (a bench's floor server) saves at exit, never in the middle of its load.
 */
const SAVE_NOW = Symbol.for("hvai.code-cache.save");

/**
 * @param {string} entryUrl import.meta.url of the entry that calls this (its bundle sits beside it)
 * @param {string} bundleName the bundle's file name, e.g. server.cjs
 * @param {string} cacheName the cache's file name; it carries the bundle's hash, so a cache is never used with another bundle
 */
export function runBundle(entryUrl, bundleName, cacheName) {
  const dir = path.dirname(fileURLToPath(entryUrl));
  const file = path.join(dir, bundleName);
  // The bundle's import.meta.url (build-server.mjs defines it as this global's value).
  globalThis[Symbol.for("hvai.entry-url")] = entryUrl;
  // Node maps stack traces to the TypeScript only in modules it loads itself: with
  // --enable-source-maps (debugging, not the deadline) the bundle loads as any CommonJS module.
  if (process.sourceMapsEnabled) {
    createRequire(file)(file);
    return;
  }
  const cacheFile = path.join(dir, cacheName);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // first boot of this build
  }
  // The wrapper Node gives a CommonJS module.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`;
  const script = new vm.Script(source, {
    filename: file,
    cachedData,
    // import() in the bundle (the libraries loaded on first use) resolves as in any module.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dir);
  // A rejected cache (another Node or V8 flags) is replaced; an accepted one is kept as it is.
  if (cachedData && !script.cachedDataRejected) return;
  let saved = false;
  const save = () => {
    if (saved) return;
    saved = true;
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile); // never a half-written cache
    } catch {
      rmSync(tmp, { force: true }); // a read-only build directory: boot without a cache
    }
  };
  globalThis[SAVE_NOW] = save;
  process.once("exit", save);
}
