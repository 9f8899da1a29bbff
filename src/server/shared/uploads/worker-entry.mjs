// Worker-thread entry of the upload pool (plain JS: a worker starts without the TypeScript loader
// that vitest or `tsx` gave the main thread). It loads a server module and calls one export.
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

// Always: a worker does not inherit the main thread's loader hooks (not even under the tsx CLI).
register();

const modules = new Map();

/** @param {{ module: string, fn: string, arg: unknown }} task */
export default async function run(task) {
  if (task.fn === "__warm__") return true; // thread started and the loader registered: the first upload is not slowed
  let mod = modules.get(task.module);
  if (!mod) {
    mod = await import(pathToFileURL(task.module).href);
    modules.set(task.module, mod);
  }
  return mod[task.fn](task.arg);
}
