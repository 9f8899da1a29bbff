// Worker-thread entry of the upload pool (plain JS: a worker starts without the TypeScript loader
// that vitest or `tsx` gave the main thread). It loads a server module and calls one export.
import { pathToFileURL } from "node:url";

const modules = new Map();
let tsxRegistered = false;

/** From the sources the module is TypeScript: a worker does not inherit the main thread's loader hooks. The build's modules are plain JS. */
async function loaderFor(file) {
  if (tsxRegistered || !file.endsWith(".ts")) return;
  const { register } = await import("tsx/esm/api");
  register();
  tsxRegistered = true;
}

/** @param {{ module: string, fn: string, arg: unknown }} task */
export default async function run(task) {
  await loaderFor(task.module);
  if (task.fn === "__warm__") return true; // thread started (and the loader registered): the first upload is not slowed
  let mod = modules.get(task.module);
  if (!mod) {
    mod = await import(pathToFileURL(task.module).href);
    modules.set(task.module, mod);
  }
  return mod[task.fn](task.arg);
}
